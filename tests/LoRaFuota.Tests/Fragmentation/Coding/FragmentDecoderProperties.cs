using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LoRaFuota.Fragmentation.Coding;

namespace LoRaFuota.Tests.Fragmentation.Coding;

/// <summary>
/// For random blocks, sizes, redundancy, variants, loss, order and repeats, the decoder completes exactly when a
/// separate GF(2) rank check says the received rows have full rank, and then returns the original block.
/// </summary>
public class FragmentDecoderProperties
{
    public sealed record Scenario(byte[] Block, int FragSize, int Redundancy, ParityVariant Variant, int[] Sequence, int BatchSize);

    public static Arbitrary<Scenario> Scenarios()
    {
        Gen<Scenario> gen =
            from fragSize in Gen.Choose(1, 24)
            from nbFrag in Gen.Frequency((3, Gen.Choose(1, 12)), (2, Gen.Choose(13, 80)))
            from padding in Gen.Choose(0, fragSize - 1)
            let length = Math.Max(1, (nbFrag * fragSize) - padding)
            from block in Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), length)
            from redundancy in Gen.Choose(0, nbFrag + 8)
            from variant in Gen.Elements(ParityVariant.V1, ParityVariant.V2, ParityVariant.V2Specification)
            from lossPercent in Gen.Choose(0, 60)
            from seed in Gen.Choose(0, int.MaxValue)
            from batchSize in Gen.Elements(1, 3, 128)
            select new Scenario(block, fragSize, redundancy, variant, Channel(nbFrag, redundancy, lossPercent, seed), batchSize);
        return Arb.From(gen);
    }

    [Property(Arbitrary = [typeof(FragmentDecoderProperties)], MaxTest = 300)]
    public void Decoder_CompletesExactlyAtFullRank_AndNeverReturnsWrongData(Scenario scenario)
    {
        var encoder = new FragmentEncoder(scenario.Block, scenario.FragSize, scenario.Variant);
        var decoder = new FragmentDecoder(new FragmentDecoderOptions
        {
            NbFrag = encoder.NbFrag,
            FragSize = encoder.FragSize,
            Padding = encoder.Layout.Padding,
            Variant = scenario.Variant,
            BatchSize = scenario.BatchSize,
        });
        var rank = new Gf2Rank(encoder.NbFrag);
        byte[] payload = new byte[encoder.FragSize];
        foreach (int n in scenario.Sequence)
        {
            encoder.WritePayload(n, payload);
            bool wasComplete = decoder.IsCompleted;
            FragmentResult result = decoder.Process(n, payload);
            if (wasComplete)
            {
                Assert.Equal(FragmentResult.AlreadyCompleted, result);
                continue;
            }

            rank.Add(n, scenario.Variant);
            Assert.Equal(rank.Rank, decoder.Rank);
            Assert.Equal(rank.Rank == encoder.NbFrag, decoder.IsCompleted);
            Assert.Equal(decoder.IsCompleted, result == FragmentResult.Completed);
            Assert.NotEqual(FragmentResult.Inconsistent, result);
        }

        if (decoder.IsCompleted)
        {
            byte[] rebuilt = new byte[decoder.BlockLength];
            decoder.CopyBlockTo(rebuilt);
            Assert.Equal(scenario.Block, rebuilt);
        }
        else
        {
            Assert.Throws<InvalidOperationException>(() => decoder.CopyBlockTo(new byte[decoder.BlockLength]));
        }
    }

    [Property(Arbitrary = [typeof(FragmentDecoderProperties)], MaxTest = 100)]
    public void Decoder_AfterReset_DecodesTheSameWay(Scenario scenario)
    {
        var encoder = new FragmentEncoder(scenario.Block, scenario.FragSize, scenario.Variant);
        var decoder = new FragmentDecoder(new FragmentDecoderOptions
        {
            NbFrag = encoder.NbFrag, FragSize = encoder.FragSize, Padding = encoder.Layout.Padding, Variant = scenario.Variant, BatchSize = scenario.BatchSize,
        });
        byte[] payload = new byte[encoder.FragSize];
        var first = new List<FragmentResult>();
        var second = new List<FragmentResult>();
        foreach (List<FragmentResult> results in new[] { first, second })
        {
            decoder.Reset();
            foreach (int n in scenario.Sequence)
            {
                encoder.WritePayload(n, payload);
                results.Add(decoder.Process(n, payload));
            }
        }

        Assert.Equal(first, second);
    }

    // Lossy channel: each fragment 1 … M+R is lost with the given probability; survivors are shuffled and some repeated.
    private static int[] Channel(int nbFrag, int redundancy, int lossPercent, int seed)
    {
        var random = new Random(seed);
        var sent = new List<int>();
        for (int n = 1; n <= nbFrag + redundancy; n++)
        {
            if (random.Next(100) >= lossPercent)
            {
                sent.Add(n);
                if (random.Next(10) == 0)
                {
                    sent.Add(n);
                }
            }
        }

        int[] order = [.. sent];
        if (random.Next(2) == 0)
        {
            random.Shuffle(order);
        }

        return order;
    }
}
