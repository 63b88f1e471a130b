using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LoRaFuota.Fragmentation.Coding;

namespace LoRaFuota.Tests.Fragmentation.Coding;

/// <summary>The fast line generator against a literal transcription of the TS004 §3.5 pseudo-code.</summary>
public class ParityMatrixTests
{
    public static Arbitrary<(int M, int K)> Lines() => Arb.From(
        from m in Gen.Frequency(
            (4, Gen.Choose(1, 300)),
            (2, Gen.Elements(1, 2, 4, 8, 16, 64, 128, 1024, 4096, 8192)),
            (2, Gen.Choose(301, 16382)))
        from k in Gen.Frequency(
            (3, Gen.Choose(1, 40)),
            (3, Gen.Choose(1, ParityMatrix.MaxFragmentNumber - m)),
            (2, Gen.Choose(Math.Max(1, 8370 - m), Math.Max(1, Math.Min(8400, ParityMatrix.MaxFragmentNumber - m)))))
        where m + k <= ParityMatrix.MaxFragmentNumber
        select (m, k));

    [Property(Arbitrary = [typeof(ParityMatrixTests)], MaxTest = 400)]
    public void GetLine_EqualsTheReferencePseudoCode((int M, int K) input)
    {
        foreach (ParityVariant variant in new[] { ParityVariant.V1, ParityVariant.V2, ParityVariant.V2Specification })
        {
            int m = input.M;
            int n = m + input.K;
            if (variant == ParityVariant.V2Specification && n > ParityMatrix.MaxFragmentNumber)
            {
                continue;
            }

            byte[] fast = new byte[ParityMatrix.GetLineLength(m)];
            int weight = ParityMatrix.GetLine(n, m, variant, fast);
            bool[] reference = Reference(variant == ParityVariant.V2Specification ? n : input.K, m, variant != ParityVariant.V1);

            Assert.Equal(reference.Count(b => b), weight);
            for (int j = 0; j < m; j++)
            {
                Assert.True(reference[j] == ((fast[j >> 3] >> (j & 7) & 1) == 1), $"M={m} n={n} {variant} column {j}");
            }
        }
    }

    [Fact]
    public void GetLine_SeedsAbove2Pow23_MatchTheReference()
    {
        // k ≥ 8 381 makes 1 + 1001·k ≥ 2^23: the reference's "+" can carry into bit 23 for the first steps.
        foreach (int m in new[] { 10, 100, 4520, 7000 })
        {
            for (int k = 8380; k <= Math.Min(8420, ParityMatrix.MaxFragmentNumber - m); k++)
            {
                GetLine_EqualsTheReferencePseudoCode((m, k));
            }
        }
    }

    [Property(Arbitrary = [typeof(ParityMatrixTests)], MaxTest = 200)]
    public void PortableDraws_EqualTheAvx2Draws((int M, int K) input)
    {
        // This machine runs AVX2; the portable window arithmetic (for CPUs without it) must give the same lines.
        foreach (ParityVariant variant in new[] { ParityVariant.V1, ParityVariant.V2 })
        {
            byte[] portable = new byte[ParityMatrix.GetLineLength(input.M)];
            byte[] usual = new byte[portable.Length];
            int weight = new ParityMatrix.LineGenerator(input.M, variant, vectorized: false).Fill(input.M + input.K, portable);
            Assert.Equal(ParityMatrix.GetLine(input.M + input.K, input.M, variant, usual), weight);
            Assert.Equal(usual, portable);
        }
    }

    [Theory]
    [InlineData(100)]   // the line (13 bytes) is shorter than the generator's packed words (16): drawn on the stack
    [InlineData(4480)]  // 560 bytes, a whole number of packed words: drawn in place
    public void GetLine_WritesOnlyTheLine_AndAgreesInPlaceAndThroughTheStack(int m)
    {
        int length = ParityMatrix.GetLineLength(m);
        byte[] exact = new byte[length];
        byte[] roomy = new byte[length + 40];
        roomy.AsSpan().Fill(0xA5);
        foreach (ParityVariant variant in new[] { ParityVariant.V1, ParityVariant.V2 })
        {
            for (int n = m + 1; n <= m + 30; n++)
            {
                int weight = ParityMatrix.GetLine(n, m, variant, exact);
                Assert.Equal(weight, ParityMatrix.GetLine(n, m, variant, roomy));
                Assert.Equal(exact, roomy.AsSpan(0, length).ToArray());
                Assert.All(roomy.AsSpan(length).ToArray(), b => Assert.Equal(0xA5, b));
            }
        }
    }

    [Fact]
    public void GetLine_OutOfRange_Throws()
    {
        byte[] line = new byte[2];
        Assert.Throws<ArgumentOutOfRangeException>(() => ParityMatrix.GetLine(10, 10, ParityVariant.V1, line));
        Assert.Throws<ArgumentOutOfRangeException>(() => ParityMatrix.GetLine(16384, 10, ParityVariant.V1, line));
        Assert.Throws<ArgumentOutOfRangeException>(() => ParityMatrix.GetLine(11, 0, ParityVariant.V1, line));
        Assert.Throws<ArgumentException>(() => ParityMatrix.GetLine(20, 17, ParityVariant.V1, line));
    }

    private static bool[] Reference(int seedIndex, int m, bool distinct)
    {
        bool[] line = new bool[m];
        int mod = (m & (m - 1)) == 0 ? m + 1 : m;
        long x = 1 + (1001L * seedIndex);
        int placed = 0;
        while (placed < m / 2)
        {
            long r;
            do
            {
                long fb = (x & 1) ^ ((x >> 5) & 1);
                x = (x >> 1) + (fb << 22);
                r = x % mod;
            }
            while (r >= m);

            if (!distinct || !line[r])
            {
                placed++;
            }

            line[r] = true;
        }

        return line;
    }
}
