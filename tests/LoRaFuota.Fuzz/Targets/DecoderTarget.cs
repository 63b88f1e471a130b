using LoRaFuota.Fragmentation;
using LoRaFuota.Fragmentation.Coding;
using LoRaFuota.Fuzz.Driver;

namespace LoRaFuota.Fuzz.Targets;

/// <summary>
/// The fragment decoder under a script of genuine fragments and garbage. Bytes 0–5 choose the block (size, FragSize,
/// parity variant, redundancy, options); each following byte is one step: deliver the next genuine fragment, lose it,
/// send a frame of the wrong size, a frame numbered 0, a genuine coded fragment numbered beyond M + R, a repeat of a
/// delivered fragment with other bytes, or 2–3 raw bytes as a frame. Whatever the script, the decoder never throws,
/// never completes with a block that differs from the image, and never calls a garbage frame accepted.
/// </summary>
internal sealed class DecoderTarget : IFuzzTarget
{
    public string Name => "decoder";

    public IReadOnlyList<byte[]> Seeds { get; } =
    [
        [0x10, 0x00, 0x20, 0x01, 0x05, 0x00, .. Enumerable.Repeat((byte)0x00, 80)],
        [0x00, 0x64, 0x0A, 0x00, 0x0A, 0x02, .. Enumerable.Range(0, 120).Select(i => (byte)(i % 7))],
        [0x01, 0x00, 0x05, 0x02, 0x30, 0x01, .. Enumerable.Range(0, 200).Select(i => (byte)(i * 37))],
    ];

    public int Execute(ReadOnlySpan<byte> input)
    {
        if (input.Length < 6)
        {
            return 0;
        }

        int size = 1 + (((input[0] << 8) | input[1]) % 3000);
        int fragSize = 1 + (input[2] % 64);
        var variant = (ParityVariant)(1 + (input[3] % 3));
        byte[] image = new byte[size];
        new Random(size * 31 + fragSize).NextBytes(image);
        var encoder = new FragmentEncoder(image, fragSize, variant);
        int m = encoder.NbFrag;
        int r = Math.Min(input[4], ParityMatrix.MaxFragmentNumber - m);
        var decoder = new FragmentDecoder(new FragmentDecoderOptions
        {
            NbFrag = m,
            FragSize = fragSize,
            Padding = encoder.Layout.Padding,
            Variant = variant,
            InOrder = (input[5] & 1) != 0,
            MaxLostFragments = (input[5] & 2) != 0 ? 1 + (input[5] >> 2) : null,
        });

        byte[] payload = new byte[fragSize];
        var delivered = new List<int>();
        int next = 1;
        var results = new HashSet<FragmentResult>();
        for (int i = 6; i < input.Length; i++)
        {
            byte step = input[i];
            FragmentResult result;
            switch (step & 7)
            {
                case 0 or 1 or 2:
                    if (next > m + r)
                    {
                        continue;
                    }

                    encoder.WritePayload(next, payload);
                    result = decoder.Process(next, payload);
                    FuzzFinding.Check(result != FragmentResult.Invalid, "a genuine fragment is never invalid");
                    delivered.Add(next++);
                    break;
                case 3:
                    next++;
                    continue;
                case 4:
                    result = decoder.Process(1 + (step >> 3) % Math.Max(1, m + r), new byte[fragSize + 1 + (step >> 6)]);
                    FuzzFinding.Check(result == FragmentResult.Invalid, "a payload of the wrong size is invalid");
                    break;
                case 5:
                    result = decoder.Process(0, payload);
                    FuzzFinding.Check(result == FragmentResult.Invalid, "fragment 0 is invalid");
                    break;
                case 6:
                    int beyond = m + r + 1 + (step >> 3);
                    if (beyond > ParityMatrix.MaxFragmentNumber || beyond <= m)
                    {
                        continue;
                    }

                    encoder.WritePayload(beyond, payload);
                    result = decoder.Process(beyond, payload);
                    FuzzFinding.Check(result != FragmentResult.Invalid, "a genuine fragment numbered beyond M + R is a fragment like any other");
                    break;
                default:
                    if (delivered.Count == 0)
                    {
                        continue;
                    }

                    int again = delivered[(step >> 3) % delivered.Count];
                    encoder.WritePayload(again, payload);
                    payload[(step >> 3) % fragSize] ^= (byte)(1 | step);
                    result = decoder.Process(again, payload);
                    FuzzFinding.Check(result is not (FragmentResult.Accepted or FragmentResult.Completed), "a repeat with other bytes is never taken as new information");
                    break;
            }

            results.Add(result);
            if (i + 2 < input.Length && (step & 0xF8) == 0xF8)
            {
                FuzzFinding.Check(decoder.Process(input.Slice(i, 2 + (input[i + 1] & 1))) == FragmentResult.Invalid, "a frame too short for a payload is invalid");
            }
        }

        if (decoder.IsCompleted)
        {
            byte[] block = new byte[decoder.BlockLength];
            decoder.CopyBlockTo(block);
            FuzzFinding.Check(block.AsSpan().SequenceEqual(image), "a completed decoder returns exactly the image");
        }

        return HashCode.Combine(decoder.IsCompleted, decoder.HasMemoryError, results.Count, m > 64, variant, (input[5] & 3));
    }
}
