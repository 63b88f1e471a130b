using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using LoRaFuota.Fragmentation;
using LoRaFuota.Fragmentation.Coding;
using LoRaFuota.Payloads;

namespace LoRaFuota.Cli.Commands;

/// <summary>
/// <c>lorafuota demo</c>: the main job until the campaign simulator lands. Fragments an embedded image, sends it over a
/// seeded lossy channel to a few virtual receivers (LoRaFuota's decoder and a device-like in-order decoder with a small
/// memory), and decodes sample uplinks, so a user sees the pieces work without a radio.
/// </summary>
internal static class DemoCommand
{
    public static Command Create(CliContext context)
    {
        var size = new Option<int>("--size") { Description = "Image size in bytes.", DefaultValueFactory = _ => 16 * 1024 };
        var fragmentSize = new Option<int>("--fragment-size") { Description = "FragSize (EU868 DR5 allows 239).", DefaultValueFactory = _ => 232 };
        var percent = new Option<double>("--redundancy-percent") { Description = "Coded fragments, % of M.", DefaultValueFactory = _ => 15 };
        var loss = new Option<double>("--loss") { Description = "Independent loss probability per fragment and device, 0 to 1.", DefaultValueFactory = _ => 0.08 };
        var devices = new Option<int>("--devices") { Description = "Virtual receivers.", DefaultValueFactory = _ => 4 };
        var seed = new Option<int>("--seed") { Description = "Seed of the channel.", DefaultValueFactory = _ => 2026 };
        var command = new Command("demo", "Fragment an embedded image, lose fragments on a seeded channel, rebuild it on virtual receivers.")
        {
            size, fragmentSize, percent, loss, devices, seed,
        };
        command.SetAction(result =>
        {
            double lossRate = result.GetValue(loss);
            int count = result.GetValue(devices);
            if (lossRate is < 0 or >= 1 || count is < 1 or > 1000 || result.GetValue(size) is < 1 or > FragmentEncoder.MaxBlockLength)
            {
                throw new CliUsageException("--loss must be in [0, 1), --devices 1 to 1000, --size 1 to the TS004 maximum.");
            }

            return Run(context.Output, result.GetValue(size), result.GetValue(fragmentSize), result.GetValue(percent), lossRate, count, result.GetValue(seed));
        });
        return command;
    }

    private static int Run(TextWriter output, int size, int fragSize, double percent, double loss, int devices, int seed)
    {
        byte[] image = EmbeddedImage(size);
        FragmentEncoder encoder;
        int redundancy;
        try
        {
            encoder = new FragmentEncoder(image, fragSize, ParityVariant.V2);
            redundancy = encoder.Layout.GetRedundancy(percent);
        }
        catch (ArgumentException ex)
        {
            throw CliUsageException.From(ex);
        }

        string digest = Convert.ToHexStringLower(SHA256.HashData(image))[..16];
        Write(output, $"LoRaFuota demo: {size}-byte image (sha256 {digest}…), {fragSize}-byte fragments, TS004 v2 parity");
        Write(output, $"  M = {encoder.NbFrag} uncoded + R = {redundancy} coded fragments ({percent} %), padding {encoder.Layout.Padding}");
        Write(output, $"  channel: {devices} receivers, {loss:P0} independent loss per fragment, seed {seed}");

        byte[] frame = new byte[3 + fragSize];
        int failures = 0;
        var random = new Random(seed);
        for (int device = 1; device <= devices; device++)
        {
            var ours = new FragmentDecoder(new FragmentDecoderOptions { NbFrag = encoder.NbFrag, FragSize = fragSize, Padding = encoder.Layout.Padding });
            var deviceLike = new FragmentDecoder(new FragmentDecoderOptions
            {
                NbFrag = encoder.NbFrag, FragSize = fragSize, Padding = encoder.Layout.Padding, InOrder = true, MaxLostFragments = 5,
            });
            int lost = 0;
            int oursDoneAt = 0;
            for (int n = 1; n <= encoder.NbFrag + redundancy; n++)
            {
                if (random.NextDouble() < loss)
                {
                    lost++;
                    continue;
                }

                encoder.WriteDataFragment(n, 0, frame);
                if (ours.Process(frame) == FragmentResult.Completed)
                {
                    oursDoneAt = n;
                }

                deviceLike.Process(frame);
            }

            bool ok = ours.IsCompleted && Verify(ours, image);
            failures += ours.IsCompleted && !ok ? 1 : 0; // a wrong image is a defect; an incomplete one is a channel outcome
            string deviceLikeResult = deviceLike.HasMemoryError ? "memory error (more than 5 lost)"
                : deviceLike.IsCompleted ? "rebuilt" : $"incomplete, rank {deviceLike.Rank} of {deviceLike.NbFrag}";
            if (ours.IsCompleted)
            {
                Write(output, $"  receiver {device}: lost {lost}, rebuilt at fragment {oursDoneAt} of {encoder.NbFrag + redundancy}, image {(ok ? "verified" : "WRONG")}; device-like decoder (in order, 5-loss memory): {deviceLikeResult}");
            }
            else
            {
                Write(output, $"  receiver {device}: lost {lost}, not recoverable: rank {ours.Rank} of {ours.NbFrag} (needs {ours.Deficit} more coded fragments); device-like decoder: {deviceLikeResult}");
            }

            FragSessionStatusAns status = ours.GetStatusAnswer(PackageVersion.V2, 0);
            byte[] uplink = new byte[status.GetByteCount()];
            status.TryWrite(uplink, out _);
            Write(output, $"    FragSessionStatusAns it would send: {Convert.ToHexStringLower(uplink)} (NbFragReceived {status.NbFragReceived}, MissingFrag {status.MissingFrag})");
        }

        output.WriteLine("Sample uplinks decoded (lorafuota decode):");
        foreach ((string hex, AppLayerPackage package, PackageVersion version) in new[]
        {
            ("0503010204051f", AppLayerPackage.MulticastSetup, PackageVersion.V1),
            ("0104", AppLayerPackage.Fragmentation, PackageVersion.V2),
            ("01000400001f", AppLayerPackage.ClockSync, PackageVersion.V2),
        })
        {
            output.Write(string.Create(CultureInfo.InvariantCulture, $"  {hex} on port {(int)package}: "));
            DecodeCommand.Decode(hex, package, version, LinkDirection.Uplink, output);
        }

        return failures == 0 ? 0 : 1;
    }

    private static bool Verify(FragmentDecoder decoder, byte[] image)
    {
        byte[] rebuilt = new byte[decoder.BlockLength];
        decoder.CopyBlockTo(rebuilt);
        return rebuilt.AsSpan().SequenceEqual(image);
    }

    // A deterministic stand-in for a firmware image: SHA-256 in counter mode, the same on every machine.
    private static byte[] EmbeddedImage(int size)
    {
        byte[] image = new byte[size];
        byte[] counter = new byte[4];
        for (int offset = 0, block = 0; offset < size; offset += 32, block++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(counter, block);
            byte[] hash = SHA256.HashData(counter);
            hash.AsSpan(0, Math.Min(32, size - offset)).CopyTo(image.AsSpan(offset));
        }

        return image;
    }

    private static void Write(TextWriter output, FormattableString line) => output.WriteLine(line.ToString(CultureInfo.InvariantCulture));
}
