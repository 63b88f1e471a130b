using LoRaFuota.Fragmentation.Coding;
using LoRaFuota.Planning;

namespace LoRaFuota.Tests.Planning;

public class SuccessProbabilityTests
{
    [Theory]
    // planner-reference §4.7 (a fitted illustration): M = 429.
    [InlineData(43, 0.05, 0.995)]
    [InlineData(43, 0.08, 0.77)]
    [InlineData(43, 0.10, 0.23)]
    [InlineData(86, 0.10, 0.995)]
    [InlineData(86, 0.15, 0.83)]
    public void Analytic_AgreesWithTheReferencePoints(int redundancy, double loss, double expected) =>
        Assert.Equal(expected, SuccessProbability.Analytic(429, redundancy, loss), 1);

    [Theory]
    [InlineData(429, 43, 0.08, ParityVariant.V2)]
    [InlineData(429, 43, 0.10, ParityVariant.V1)]
    [InlineData(300, 45, 0.12, ParityVariant.V2)]
    public void Analytic_IsValidatedByTheRealDecoder(int nbFrag, int redundancy, double loss, ParityVariant variant)
    {
        double analytic = SuccessProbability.Analytic(nbFrag, redundancy, loss);
        double simulated = SuccessProbability.MonteCarlo(nbFrag, redundancy, loss, variant, trials: 1500, seed: 11);
        Assert.InRange(simulated - analytic, -0.05, 0.05);
    }

    [Fact]
    public void Analytic_EdgeCases()
    {
        Assert.Equal(1, SuccessProbability.Analytic(100, 0, 0));
        Assert.Equal(0, SuccessProbability.Analytic(100, 10, 1));
        Assert.True(SuccessProbability.Analytic(100, 0, 0.01) < 0.5);
        Assert.True(SuccessProbability.Analytic(429, 43, 0.08, maxLost: 20) < SuccessProbability.Analytic(429, 43, 0.08));
    }

    [Fact]
    public void MinimumRedundancy_IsTheSmallestThatReachesTheTarget()
    {
        int? r = SuccessProbability.MinimumRedundancy(429, 0.1, 0.99, 2000);
        Assert.NotNull(r);
        Assert.True(SuccessProbability.Analytic(429, r.Value, 0.1) >= 0.99);
        Assert.True(SuccessProbability.Analytic(429, r.Value - 1, 0.1) < 0.99);
        Assert.Null(SuccessProbability.MinimumRedundancy(429, 0.5, 0.99, 10));
    }
}
