using LoRaFuota.Simulation.Network;

namespace LoRaFuota.Simulation.Tests;

public sealed class DutyCycleTests
{
    [Theory]
    [InlineData(3, 60_000)] // EU868 DR3 (677 ms frames): the 10 % sub-band binds, more than an hour of sending
    [InlineData(5, 120_000)]
    public void ClassC_MulticastAirtime_StaysWithinTheSubBandDutyCycleOverAnyRollingHour(int dataRate, int imageSize)
    {
        SimulationOptions options = SimulationRuns.Small(devices: 2, loss: 0.02);
        options.DataRate = dataRate;
        options.ImageSize = imageSize;
        options.RedundancyPercent = 10;

        SimulationResult result = CampaignSimulator.Run(options);

        MulticastTransmission[] sent = [.. result.Network.Multicast.OrderBy(m => m.At)];
        Assert.True(sent[^1].At - sent[0].At > TimeSpan.FromMinutes(30), "long enough for the duty cycle to matter");
        double budget = result.Plan.DutyCycle * 3600;
        for (int i = 0, j = 0; i < sent.Length; i++)
        {
            // the hour that starts with transmission i
            double used = 0;
            for (j = i; j < sent.Length && sent[j].At < sent[i].At + TimeSpan.FromHours(1); j++)
            {
                used += sent[j].Airtime.TotalSeconds;
            }

            Assert.True(used <= budget, $"{used:F1} s of air in the hour from {sent[i].At:O}, budget {budget:F1} s");
        }
    }
}
