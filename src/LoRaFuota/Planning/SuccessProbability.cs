using LoRaFuota.Fragmentation.Coding;

namespace LoRaFuota.Planning;

/// <summary>The probability that a device with independent fragment loss rebuilds the block.</summary>
/// <remarks>
/// <para>
/// Analytic model: with L of the M uncoded fragments lost and c of the R coded ones received, the block is rebuilt
/// when the c coded rows, restricted to the L lost columns, have rank L. The parity rows select about half of the
/// columns at random, so the restricted rows behave like random binary rows:
/// P(rank L | c ≥ L) = Π_(j=c−L+1…c) (1 − 2^−j). Summed over the binomial laws of L and c. A device memory limit
/// (at most <c>maxLost</c> lost fragments repaired) removes the terms above it.
/// </para>
/// <para>
/// <see cref="MonteCarlo"/> runs the real <see cref="FragmentDecoder"/> on seeded random losses instead; the tests check
/// that the two agree.
/// </para>
/// </remarks>
public static class SuccessProbability
{
    private const int ProductTerms = 64;     // 1 − 2^−j is 1 to double precision beyond this
    private const double SigmaSpan = 12;     // binomial terms beyond this many standard deviations are dropped

    private static readonly double[] s_tail = BuildTail(); // s_tail[d] = Π_(j>d) (1 − 2^−j)

    /// <summary>Computes the analytic success probability.</summary>
    /// <param name="nbFrag">M.</param>
    /// <param name="redundancy">R.</param>
    /// <param name="loss">The probability that a given fragment is lost, 0 to 1.</param>
    /// <param name="maxLost">The device's limit on lost uncoded fragments, or null.</param>
    /// <returns>The probability, 0 to 1.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public static double Analytic(int nbFrag, int redundancy, double loss, int? maxLost = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nbFrag, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(redundancy);
        if (!(loss >= 0 && loss <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(loss), loss, "The loss rate must be between 0 and 1.");
        }

        if (loss == 0)
        {
            return 1;
        }

        if (loss == 1)
        {
            return 0;
        }

        (int lostLow, int lostHigh) = Span(nbFrag, loss);
        (int codedLow, int codedHigh) = Span(redundancy, 1 - loss);
        lostHigh = Math.Min(lostHigh, maxLost ?? int.MaxValue);
        double total = 0;
        for (int lost = lostLow; lost <= lostHigh; lost++)
        {
            double pLost = Binomial(nbFrag, lost, loss);
            if (lost == 0)
            {
                total += pLost;
                continue;
            }

            double inner = 0;
            for (int coded = Math.Max(codedLow, lost); coded <= codedHigh; coded++)
            {
                inner += Binomial(redundancy, coded, 1 - loss) * FullRank(lost, coded);
            }

            total += pLost * inner;
        }

        return Math.Clamp(total, 0, 1);
    }

    /// <summary>Estimates the success probability with the real decoder over seeded random losses.</summary>
    /// <param name="nbFrag">M.</param>
    /// <param name="redundancy">R.</param>
    /// <param name="loss">The loss probability per fragment.</param>
    /// <param name="variant">The parity variant.</param>
    /// <param name="trials">The number of simulated devices.</param>
    /// <param name="seed">The random seed.</param>
    /// <param name="maxLost">The device's limit on lost uncoded fragments, or null.</param>
    /// <returns>The fraction of simulated devices that rebuilt the block.</returns>
    public static double MonteCarlo(int nbFrag, int redundancy, double loss, ParityVariant variant, int trials, int seed, int? maxLost = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(trials, 1);
        var decoder = new FragmentDecoder(new FragmentDecoderOptions
        {
            NbFrag = nbFrag, FragSize = 1, Variant = variant, MaxLostFragments = maxLost, InOrder = maxLost.HasValue,
        });
        var random = new Random(seed);
        ReadOnlySpan<byte> payload = [0];
        int successes = 0;
        for (int trial = 0; trial < trials; trial++)
        {
            decoder.Reset();
            for (int n = 1; n <= nbFrag + redundancy && !decoder.IsCompleted && !decoder.HasMemoryError; n++)
            {
                if (random.NextDouble() >= loss)
                {
                    decoder.Process(n, payload);
                }
            }

            successes += decoder.IsCompleted ? 1 : 0;
        }

        return (double)successes / trials;
    }

    /// <summary>Finds the smallest R whose analytic success probability reaches <paramref name="target"/>.</summary>
    /// <param name="nbFrag">M.</param>
    /// <param name="loss">The loss probability per fragment.</param>
    /// <param name="target">The wanted probability, below 1.</param>
    /// <param name="maxRedundancy">The largest R to consider.</param>
    /// <param name="maxLost">The device's limit on lost uncoded fragments, or null.</param>
    /// <returns>R, or null when even <paramref name="maxRedundancy"/> does not reach the target.</returns>
    public static int? MinimumRedundancy(int nbFrag, double loss, double target, int maxRedundancy, int? maxLost = null)
    {
        if (!(target > 0 && target < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(target), target, "The target probability must be above 0 and below 1.");
        }

        if (Analytic(nbFrag, maxRedundancy, loss, maxLost) < target)
        {
            return null;
        }

        int low = 0;
        int high = maxRedundancy;
        while (low < high)
        {
            int middle = low + ((high - low) / 2);
            if (Analytic(nbFrag, middle, loss, maxLost) >= target)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return low;
    }

    // Π_(j=c−L+1…c) (1 − 2^−j) = tail(c − L) / tail(c).
    private static double FullRank(int lost, int coded) => Tail(coded - lost) / Tail(coded);

    private static double Tail(int d) => d >= ProductTerms ? 1 : s_tail[d];

    private static double[] BuildTail()
    {
        double[] tail = new double[ProductTerms];
        for (int d = 0; d < ProductTerms; d++)
        {
            double product = 1;
            for (int j = d + 1; j <= ProductTerms + 8; j++)
            {
                product *= 1 - Math.Pow(2, -j);
            }

            tail[d] = product;
        }

        return tail;
    }

    private static (int Low, int High) Span(int n, double p)
    {
        double mean = n * p;
        double sigma = Math.Sqrt(n * p * (1 - p));
        int low = (int)Math.Max(0, Math.Floor(mean - (SigmaSpan * sigma) - 2));
        int high = (int)Math.Min(n, Math.Ceiling(mean + (SigmaSpan * sigma) + 2));
        return (low, high);
    }

    private static double Binomial(int n, int k, double p) =>
        Math.Exp(LogChoose(n, k) + (k * Math.Log(p)) + ((n - k) * Math.Log(1 - p)));

    private static double LogChoose(int n, int k) => LogFactorial(n) - LogFactorial(k) - LogFactorial(n - k);

    // Stirling series; exact enough (relative error below 1e-10) for every n here.
    private static double LogFactorial(int n)
    {
        if (n < 2)
        {
            return 0;
        }

        if (n < 20)
        {
            double value = 0;
            for (int i = 2; i <= n; i++)
            {
                value += Math.Log(i);
            }

            return value;
        }

        double x = n + 1.0;
        return ((x - 0.5) * Math.Log(x)) - x + (0.5 * Math.Log(2 * Math.PI)) + (1 / (12 * x)) - (1 / (360 * x * x * x));
    }
}
