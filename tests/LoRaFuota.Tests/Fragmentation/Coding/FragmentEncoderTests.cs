using System.IO.Pipelines;
using LoRaFuota.Fragmentation.Coding;
using LoRaFuota.Tests.Allocation;
using LoRaFuota.Tests.TestUtilities;

namespace LoRaFuota.Tests.Fragmentation.Coding;

public class FragmentEncoderTests
{
    [Theory]
    [InlineData(ParityVariant.V1)]
    [InlineData(ParityVariant.V2)]
    [InlineData(ParityVariant.V2Specification)]
    public void BatchPaths_AgreeWithSingleFragments(ParityVariant variant)
    {
        // 3 000 bytes / 24 = 125 fragments; 3 coded fragments go row by row, 40 and 300 through the tables, 700 in two batches.
        byte[] image = new byte[3000];
        new Random(1).NextBytes(image);
        var encoder = new FragmentEncoder(image, 24, variant);
        byte[] single = new byte[24];
        foreach (int count in new[] { 3, 40, 300, 700 })
        {
            byte[] batch = new byte[count * 24];
            encoder.WriteCodedPayloads(126, count, batch);
            for (int i = 0; i < count; i += 37)
            {
                encoder.WritePayload(126 + i, single);
                Assert.Equal(single, batch.AsSpan(i * 24, 24).ToArray());
            }
        }
    }

    [Theory]
    [InlineData(ParityVariant.V1, 2)]
    [InlineData(ParityVariant.V2, 3)]
    public void Parallel_EqualsSingleThreaded(ParityVariant variant, int threads)
    {
        byte[] image = new byte[60_000];
        new Random(8).NextBytes(image);
        var single = new FragmentEncoder(image, 232, variant);
        var parallel = new FragmentEncoder(image, 232, variant, threads);
        foreach (int count in new[] { 10, 70, 600, 1100 })
        {
            byte[] a = new byte[count * 232];
            byte[] b = new byte[count * 232];
            single.WriteCodedPayloads(single.NbFrag + 1, count, a);
            parallel.WriteCodedPayloads(parallel.NbFrag + 1, count, b);
            Assert.Equal(a, b);
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => new FragmentEncoder(image, 232, variant, 0));
    }

    [Fact]
    public void CopyPaddedBlockTo_AppendsZeroPadding()
    {
        var encoder = new FragmentEncoder([1, 2, 3, 4, 5], 4, ParityVariant.V2);
        byte[] padded = new byte[8];
        encoder.CopyPaddedBlockTo(padded);
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5, 0, 0, 0 }, padded);
        Assert.Throws<ArgumentException>(() => encoder.CopyPaddedBlockTo(new byte[7]));
    }

    [Fact]
    public void M1_CodedFragmentsAreZero()
    {
        var encoder = new FragmentEncoder([1, 2, 3, 4], 4, ParityVariant.V1);
        byte[] payload = [9, 9, 9, 9];
        encoder.WritePayload(2, payload);
        Assert.Equal(new byte[4], payload);
    }

    [Fact]
    public void Limits_ThrowWithClearMessages()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FragmentEncoder([], 10, ParityVariant.V1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FragmentEncoder(new byte[10], 0, ParityVariant.V1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FragmentEncoder(new byte[16383], 1, ParityVariant.V1));
        var encoder = new FragmentEncoder(new byte[16382], 1, ParityVariant.V1);
        Assert.Equal(1, encoder.Layout.MaxRedundancy);
        ArgumentOutOfRangeException ex = Assert.Throws<ArgumentOutOfRangeException>(() => encoder.WritePayload(16384, new byte[1]));
        Assert.Contains("16383", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => encoder.WritePayload(1, []));
    }

    [Fact]
    public async Task CreateAsync_FromStreamAndPipe_EqualsFromSpan()
    {
        byte[] image = new byte[70_001];
        new Random(2).NextBytes(image);
        var direct = new FragmentEncoder(image, 200, ParityVariant.V2);
        FragmentEncoder fromStream = await FragmentEncoder.CreateAsync(new MemoryStream(image), 200, ParityVariant.V2);
        var pipe = new Pipe();
        Task writer = Task.Run(async () =>
        {
            for (int offset = 0; offset < image.Length; offset += 4096)
            {
                await pipe.Writer.WriteAsync(image.AsMemory(offset, Math.Min(4096, image.Length - offset)));
            }

            await pipe.Writer.CompleteAsync();
        });
        FragmentEncoder fromPipe = await FragmentEncoder.CreateAsync(pipe.Reader, 200, ParityVariant.V2);
        await writer;

        byte[] a = new byte[200], b = new byte[200], c = new byte[200];
        foreach (int n in new[] { 1, 351, 352, 400 })
        {
            direct.WritePayload(n, a);
            fromStream.WritePayload(n, b);
            fromPipe.WritePayload(n, c);
            Assert.Equal(a, b);
            Assert.Equal(a, c);
        }
    }

    [Fact]
    public void Layout_FollowsTheServerProcedure()
    {
        FragmentLayout layout = FragmentLayout.Create(1024 * 1024, 232);
        Assert.Equal(4520, layout.NbFrag);
        Assert.Equal((4520 * 232) - (1024 * 1024), layout.Padding);
        Assert.Equal(452, layout.GetRedundancy(10));
        Assert.Equal(0, layout.GetRedundancy(0));
    }

    [Fact]
    public void Encoding_AllocatesNothing()
    {
        byte[] image = [.. Enumerable.Range(0, 5000).Select(i => (byte)(i * 7))];
        var encoder = new FragmentEncoder(image, 50, ParityVariant.V2);
        byte[] frame = new byte[53];
        byte[] coded = new byte[53];
        byte[] batch = new byte[200 * 50];
        AllocationAssert.NoAllocations(() =>
        {
            encoder.WriteDataFragment(5, 1, frame);
            encoder.WriteDataFragment(150, 1, coded);
            encoder.WriteCodedPayloads(101, 200, batch);
            encoder.WriteCodedPayloads(101, 20, batch);
        });

        // What was measured wrote the right bytes: fragment 5 is image bytes 200..249, and coded 150 is line 50 of the
        // batch (the batch of 20 rewrote lines 101..120 with the same values).
        Assert.Equal("08" + "0540", Hex.Of(frame.AsSpan(0, 3)));
        Assert.Equal(image.AsSpan(200, 50).ToArray(), frame.AsSpan(3).ToArray());
        Assert.Equal(Hex.Of(ParityXor(image, 50, 150, ParityVariant.V2)), Hex.Of(coded.AsSpan(3)));
        Assert.Equal(Hex.Of(coded.AsSpan(3)), Hex.Of(batch.AsSpan(49 * 50, 50)));
    }

    // Coded fragment n as the XOR of the uncoded fragments its parity line selects, straight from the definition.
    private static byte[] ParityXor(byte[] image, int fragSize, int n, ParityVariant variant)
    {
        int m = image.Length / fragSize;
        byte[] line = new byte[ParityMatrix.GetLineLength(m)];
        ParityMatrix.GetLine(n, m, variant, line);
        byte[] result = new byte[fragSize];
        for (int j = 0; j < m; j++)
        {
            if ((line[j / 8] & (1 << (j % 8))) != 0)
            {
                for (int b = 0; b < fragSize; b++)
                {
                    result[b] ^= image[(j * fragSize) + b];
                }
            }
        }

        return result;
    }
}
