using LoRaFuota.Fragmentation;
using LoRaFuota.Fragmentation.Coding;
using LoRaFuota.Tests.Allocation;

namespace LoRaFuota.Tests.Fragmentation.Coding;

public class FragmentDecoderTests
{
    private static readonly byte[] s_ramp = Enumerable.Range(0, 100).Select(i => (byte)i).ToArray();

    [Fact]
    public void InOrder_SixLostWithLimitFive_ReportsMemoryErrorAtTheFirstCodedFragment()
    {
        // Digest §3.7: a LoRaMac-node build with FRAG_MAX_REDUNDANCY 5 gives MatrixError when 6 of M = 10 are lost.
        var encoder = new FragmentEncoder(s_ramp, 10, ParityVariant.V1);
        var decoder = new FragmentDecoder(new FragmentDecoderOptions { NbFrag = 10, FragSize = 10, Variant = ParityVariant.V1, MaxLostFragments = 5, InOrder = true });
        byte[] payload = new byte[10];
        foreach (int n in new[] { 1, 2, 3, 4 })
        {
            encoder.WritePayload(n, payload);
            Assert.Equal(FragmentResult.Accepted, decoder.Process(n, payload));
        }

        encoder.WritePayload(11, payload);
        Assert.Equal(FragmentResult.MemoryError, decoder.Process(11, payload));
        Assert.True(decoder.HasMemoryError);
        Assert.True(decoder.GetStatusAnswer(PackageVersion.V1, 0).MemoryError);
        encoder.WritePayload(12, payload);
        Assert.Equal(FragmentResult.MemoryError, decoder.Process(12, payload));
        Assert.False(decoder.IsCompleted);
        Assert.Throws<InvalidOperationException>(() => decoder.CopyBlockTo(new byte[100])); // nothing to hand out
        Assert.Equal(64 * 64 / 8, decoder.MatrixBytes); // the limit, rounded up to 64 columns, allocated once
    }

    [Fact]
    public void AnyOrder_UncodedAfterCoded_IsUsedWhereTheDeviceDropsIt()
    {
        var encoder = new FragmentEncoder(s_ramp, 10, ParityVariant.V2);
        var anyOrder = new FragmentDecoder(new FragmentDecoderOptions { NbFrag = 10, FragSize = 10, Variant = ParityVariant.V2 });
        var inOrder = new FragmentDecoder(new FragmentDecoderOptions { NbFrag = 10, FragSize = 10, Variant = ParityVariant.V2, InOrder = true });
        byte[] payload = new byte[10];
        int[] sequence = [11, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        foreach (int n in sequence)
        {
            encoder.WritePayload(n, payload);
            anyOrder.Process(n, payload);
            inOrder.Process(n, payload);
        }

        Assert.True(anyOrder.IsCompleted);
        byte[] rebuilt = new byte[anyOrder.BlockLength];
        anyOrder.CopyBlockTo(rebuilt);
        Assert.Equal(s_ramp, rebuilt);
        Assert.False(inOrder.IsCompleted);
        Assert.Equal(10, inOrder.LostUncoded);
    }

    [Fact]
    public void RepeatWithOtherBytes_IsInconsistentAndIgnored()
    {
        var decoder = new FragmentDecoder(new FragmentDecoderOptions { NbFrag = 2, FragSize = 2 });
        Assert.Equal(FragmentResult.Accepted, decoder.Process(1, [1, 2]));
        Assert.Equal(FragmentResult.Redundant, decoder.Process(1, [1, 2]));
        Assert.Equal(FragmentResult.Inconsistent, decoder.Process(1, [9, 9]));
        Assert.Equal(FragmentResult.Completed, decoder.Process(2, [3, 4]));
        byte[] block = new byte[4];
        decoder.CopyBlockTo(block);
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, block);
        Assert.Equal(FragmentResult.AlreadyCompleted, decoder.Process(1, [1, 2]));
    }

    [Theory]
    [InlineData(0, 4)]
    [InlineData(16384, 4)]
    [InlineData(1, 3)]
    public void BadFragments_AreInvalidAndChangeNothing(int n, int length)
    {
        var decoder = new FragmentDecoder(new FragmentDecoderOptions { NbFrag = 4, FragSize = 4 });
        Assert.Equal(FragmentResult.Invalid, decoder.Process(n, new byte[length]));
        Assert.Equal(0, decoder.FragmentsReceived);
        Assert.Equal(FragmentResult.Invalid, decoder.Process([0x08, 0x00]));
    }

    [Fact]
    public void StatusAnswer_ReportsCountersAsAV2DeviceWould()
    {
        var encoder = new FragmentEncoder(s_ramp, 10, ParityVariant.V2);
        var decoder = new FragmentDecoder(new FragmentDecoderOptions { NbFrag = 10, FragSize = 10 });
        byte[] payload = new byte[10];
        foreach (int n in new[] { 1, 2, 2, 5 })
        {
            encoder.WritePayload(n, payload);
            decoder.Process(n, payload);
        }

        FragSessionStatusAns answer = decoder.GetStatusAnswer(PackageVersion.V2, 1);
        Assert.Equal(4, answer.NbFragReceived);
        Assert.Equal(7, answer.MissingFrag);
        Assert.Equal(1, answer.FragIndex);
        Assert.Equal(3, decoder.Rank);
        Assert.Equal(7, decoder.Deficit);
        Assert.Equal(2, decoder.LostUncoded);
    }

    [Fact]
    public void Options_ListEveryError()
    {
        ArgumentException ex = Assert.Throws<ArgumentException>(() => new FragmentDecoder(new FragmentDecoderOptions { NbFrag = 0, FragSize = 300, Padding = -1 }));
        Assert.Contains("NbFrag", ex.Message, StringComparison.Ordinal);
        Assert.Contains("FragSize", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Padding", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LargeImage_FivePercentLoss_Rebuilds()
    {
        byte[] image = new byte[256 * 1024];
        new Random(3).NextBytes(image);
        var encoder = new FragmentEncoder(image, 232, ParityVariant.V2);
        var decoder = new FragmentDecoder(new FragmentDecoderOptions { NbFrag = encoder.NbFrag, FragSize = 232, Padding = encoder.Layout.Padding });
        var random = new Random(4);
        byte[] payload = new byte[232];
        int n = 0;
        while (!decoder.IsCompleted && n < encoder.NbFrag + encoder.Layout.GetRedundancy(10))
        {
            n++;
            if (random.NextDouble() < 0.05)
            {
                continue;
            }

            encoder.WritePayload(n, payload);
            decoder.Process(n, payload);
        }

        Assert.True(decoder.IsCompleted);
        byte[] rebuilt = new byte[decoder.BlockLength];
        decoder.CopyBlockTo(rebuilt);
        Assert.Equal(image, rebuilt);
    }

    [Fact]
    public void FullCycleAfterReset_AllocatesNothing()
    {
        var encoder = new FragmentEncoder(s_ramp, 10, ParityVariant.V2);
        var decoder = new FragmentDecoder(new FragmentDecoderOptions { NbFrag = 10, FragSize = 10 });
        byte[] payload = new byte[10];
        byte[] block = new byte[100];
        int[] sequence = [1, 3, 4, 6, 7, 8, 10, 11, 12, 13, 14, 15, 16, 17, 18];
        int completions = 0;
        Cycle();
        Assert.Equal(s_ramp, block);
        Array.Clear(block);
        AllocationAssert.NoAllocations(Cycle);
        Assert.Equal(s_ramp, block);      // the measured cycles rebuilt the block too
        Assert.InRange(completions, 1 + 32 + 8, 1 + 32 + (3 * 8)); // one before, 32 warm-up runs, one to three measured attempts of 8

        void Cycle()
        {
            decoder.Reset();
            foreach (int n in sequence)
            {
                encoder.WritePayload(n, payload);
                if (decoder.Process(n, payload) == FragmentResult.Completed)
                {
                    completions++;
                }
            }

            decoder.CopyBlockTo(block);
        }
    }
}
