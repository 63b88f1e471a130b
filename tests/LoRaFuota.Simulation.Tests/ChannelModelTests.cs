using LoRaFuota.Simulation.Channels;

namespace LoRaFuota.Simulation.Tests;

public sealed class ChannelModelTests
{
    private const int Frames = 200_000;

    [Theory]
    [InlineData(0.05, 1)]
    [InlineData(0.2, 1)]
    [InlineData(0.05, 4)]
    [InlineData(0.1, 10)]
    public void LossProcess_LosesTheLongRunFractionInBurstsOfTheMeanLength(double loss, double burstLength)
    {
        var process = new LossProcess(new ChannelModel(loss, burstLength), SimulationRandom.For(1, 2));
        int lost = 0;
        int bursts = 0;
        bool previous = false;
        for (int i = 0; i < Frames; i++)
        {
            bool now = process.Lose();
            lost += now ? 1 : 0;
            bursts += now && !previous ? 1 : 0;
            previous = now;
        }

        Assert.InRange(lost / (double)Frames, loss * 0.93, loss * 1.07);
        double expectedRun = burstLength > 1 ? burstLength : 1 / (1 - loss); // independent losses run 1/(1 − p) on average
        Assert.InRange(lost / (double)bursts, expectedRun * 0.9, expectedRun * 1.1);
    }

    [Fact]
    public void LossProcess_Perfect_NeverLoses()
    {
        var process = new LossProcess(ChannelModel.Perfect, SimulationRandom.For(1, 2));

        Assert.DoesNotContain(true, Enumerable.Range(0, 1000).Select(_ => process.Lose()));
    }

    [Theory]
    [InlineData(-0.1, 1)]
    [InlineData(1, 1)]
    [InlineData(double.NaN, 1)]
    [InlineData(0.1, 0.5)]
    [InlineData(0.1, double.PositiveInfinity)]
    public void ChannelModel_OutOfRange_Throws(double loss, double burstLength)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ChannelModel(loss, burstLength).Validate());
    }

    [Fact]
    public void SimulationRandom_SameSeedAndStream_SameNumbers_OthersDiffer()
    {
        ulong[] a = [.. Enumerable.Range(0, 8).Select(_ => SimulationRandom.For(42, 7).NextUInt64())];
        SimulationRandom one = SimulationRandom.For(42, 7);
        SimulationRandom other = SimulationRandom.For(42, 8);

        Assert.Equal(one.NextUInt64(), SimulationRandom.For(42, 7).NextUInt64());
        Assert.NotEqual(SimulationRandom.For(42, 7).NextUInt64(), other.NextUInt64());
        Assert.Single(a.Distinct()); // a fresh stream starts at the same place every time
        Assert.All(Enumerable.Range(0, 1000).Select(_ => one.NextDouble()), d => Assert.InRange(d, 0, 0.9999999999999999));
    }
}
