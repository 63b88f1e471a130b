using System.Text.Json;
using LoRaFuota.Fragmentation.Coding;
using LoRaFuota.Tests.TestUtilities;

namespace LoRaFuota.Tests.Fragmentation.Coding;

/// <summary>fragmentation.json: PRBS check values, every encoder case, every device decoder trace.</summary>
public class FragmentationVectorTests
{
    public static TheoryData<int> EncodeCases()
    {
        var data = new TheoryData<int>();
        for (int i = 0; i < SpecVectors.Fragmentation.GetProperty("fragmentation_encode").GetArrayLength(); i++)
        {
            data.Add(i);
        }

        return data;
    }

    public static TheoryData<int, int> DecodeTraces()
    {
        var data = new TheoryData<int, int>();
        JsonElement cases = SpecVectors.Fragmentation.GetProperty("fragmentation_encode");
        for (int i = 0; i < cases.GetArrayLength(); i++)
        {
            if (cases[i].TryGetProperty("decode_cases", out JsonElement traces))
            {
                for (int t = 0; t < traces.GetArrayLength(); t++)
                {
                    data.Add(i, t);
                }
            }
        }

        return data;
    }

    [Fact]
    public void VectorFile_Has12EncodeCasesAnd10Traces()
    {
        Assert.Equal(12, EncodeCases().Count);
        Assert.Equal(10, DecodeTraces().Count);
    }

    [Fact]
    public void Prbs23_FromSeed1002_GivesTheCheckValues()
    {
        JsonElement check = SpecVectors.Fragmentation.GetProperty("prbs23_check");
        uint x = check.GetProperty("seed_for_k1").GetUInt32();
        foreach (JsonElement expected in check.GetProperty("first_8_outputs").EnumerateArray())
        {
            x = ParityMatrix.NextPrbs23(x);
            Assert.Equal(expected.GetUInt32(), x);
        }
    }

    [Fact]
    public void Prbs23_FromSeed1001_GivesTheThirdPartyDocTestValues()
    {
        uint x = 1001;
        foreach (uint expected in new uint[] { 0x1F4, 0x4000FA, 0x60007D, 0x30003E })
        {
            x = ParityMatrix.NextPrbs23(x);
            Assert.Equal(expected, x);
        }
    }

    [Theory]
    [MemberData(nameof(EncodeCases))]
    public void Encoder_ReproducesEveryFragmentAndParityLine(int index)
    {
        JsonElement vector = SpecVectors.Fragmentation.GetProperty("fragmentation_encode")[index];
        (FragmentEncoder encoder, ParityVariant variant) = CreateEncoder(vector);
        Assert.Equal(vector.GetProperty("nb_frag_M").GetInt32(), encoder.NbFrag);
        Assert.Equal(vector.GetProperty("padding").GetInt32(), encoder.Layout.Padding);
        int m = encoder.NbFrag;
        byte[] payload = new byte[encoder.FragSize];
        byte[] frame = new byte[3 + encoder.FragSize];
        byte[] line = new byte[ParityMatrix.GetLineLength(m)];
        foreach (JsonElement fragment in vector.GetProperty("fragments").EnumerateArray())
        {
            int n = fragment.GetProperty("n").GetInt32();
            encoder.WritePayload(n, payload);
            Assert.Equal(fragment.GetProperty("hex").GetString(), Hex.Of(payload));
            if (fragment.TryGetProperty("datafragment_bytes_hex_fragindex0", out JsonElement wire))
            {
                encoder.WriteDataFragment(n, 0, frame);
                Assert.Equal(wire.GetString(), Hex.Of(frame));
            }

            if (fragment.GetProperty("coded").GetBoolean())
            {
                Assert.Equal(n - m, fragment.GetProperty("matrix_line_index").GetInt32());
                ParityMatrix.GetLine(n, m, variant, line);
                int[] selected = Enumerable.Range(0, m).Where(j => (line[j >> 3] & (1 << (j & 7))) != 0).Select(j => j + 1).ToArray();
                Assert.Equal(fragment.GetProperty("xor_of_uncoded_n").EnumerateArray().Select(e => e.GetInt32()).ToArray(), selected);
            }
        }
    }

    [Theory]
    [MemberData(nameof(EncodeCases))]
    public void BatchEncoding_EqualsOneByOne(int index)
    {
        JsonElement vector = SpecVectors.Fragmentation.GetProperty("fragmentation_encode")[index];
        (FragmentEncoder encoder, _) = CreateEncoder(vector);
        int r = vector.GetProperty("redundancy").GetInt32();
        byte[] batch = new byte[r * encoder.FragSize];
        encoder.WriteCodedPayloads(encoder.NbFrag + 1, r, batch);
        byte[] one = new byte[encoder.FragSize];
        for (int i = 0; i < r; i++)
        {
            encoder.WritePayload(encoder.NbFrag + 1 + i, one);
            Assert.Equal(Hex.Of(one), Hex.Of(batch.AsSpan(i * encoder.FragSize, encoder.FragSize)));
        }
    }

    [Theory]
    [MemberData(nameof(DecodeTraces))]
    public void InOrderDecoder_FollowsTheDeviceTrace(int index, int traceIndex)
    {
        JsonElement vector = SpecVectors.Fragmentation.GetProperty("fragmentation_encode")[index];
        JsonElement trace = vector.GetProperty("decode_cases")[traceIndex];
        (FragmentEncoder encoder, ParityVariant variant) = CreateEncoder(vector);
        var decoder = new FragmentDecoder(new FragmentDecoderOptions
        {
            NbFrag = encoder.NbFrag,
            FragSize = encoder.FragSize,
            Padding = encoder.Layout.Padding,
            Variant = variant,
            MaxLostFragments = 80, // FRAG_MAX_REDUNDANCY of the traced builds
            InOrder = true,
        });
        byte[] payload = new byte[encoder.FragSize];
        foreach (JsonElement step in trace.GetProperty("trace").EnumerateArray())
        {
            int n = step.GetProperty("n").GetInt32();
            encoder.WritePayload(n, payload);
            FragmentResult result = decoder.Process(n, payload);
            bool deviceFinished = step.GetProperty("ret").GetInt32() >= 0;

            Assert.Equal(deviceFinished, result == FragmentResult.Completed);
            Assert.Equal(step.GetProperty("frag_nb_lost").GetInt32(), decoder.LostUncoded);
            Assert.Equal(step.GetProperty("matrix_error").GetInt32() == 1, decoder.HasMemoryError);
        }

        Assert.Equal(trace.GetProperty("completed").GetBoolean(), decoder.IsCompleted);
        if (decoder.IsCompleted)
        {
            byte[] block = new byte[decoder.BlockLength];
            decoder.CopyBlockTo(block);
            Assert.Equal(vector.GetProperty("data_hex").GetString(), Hex.Of(block));
        }
    }

    private static (FragmentEncoder Encoder, ParityVariant Variant) CreateEncoder(JsonElement vector)
    {
        ParityVariant variant = vector.GetProperty("ts004_version").GetString()!.StartsWith('2') ? ParityVariant.V2 : ParityVariant.V1;
        byte[] data = Hex.Bytes(vector.GetProperty("data_hex").GetString()!);
        return (new FragmentEncoder(data, vector.GetProperty("frag_size").GetInt32(), variant), variant);
    }
}
