using LoRaFuota.Planning;
using LoRaFuota.Simulation.Network;

namespace LoRaFuota.Simulation.Tests;

/// <summary>
/// A network server that paces multicast itself (ChirpStack: 5 s per frame) must not stretch the session past the
/// window the devices were told: with ServerSpacing the plan follows the server, and every frame still fits.
/// </summary>
public sealed class ServerPacingTests
{
    [Theory]
    [InlineData(MulticastClass.ClassC)]
    [InlineData(MulticastClass.ClassB)]
    public void Run_WithTheServersFiveSecondSpacing_EveryFrameFitsTheWindowAndNoTwoAreCloser(MulticastClass multicastClass)
    {
        SimulationOptions options = SimulationRuns.Small(devices: 4);
        options.Class = multicastClass;
        options.Periodicity = multicastClass == MulticastClass.ClassB ? (byte)0 : null; // one ping slot a second
        options.ConfigureCampaign = c => c.ServerSpacing = TimeSpan.FromSeconds(5);

        SimulationResult result = CampaignSimulator.Run(options);

        SimulationRuns.AssertInvariants(result);
        Assert.Equal(4, result.Updated);
        MulticastTransmission[] frames = [.. result.Network.Multicast.OrderBy(m => m.At)];
        Assert.NotEmpty(frames);
        for (int i = 1; i < frames.Length; i++)
        {
            Assert.True(frames[i].At - frames[i - 1].At >= TimeSpan.FromSeconds(5), $"frames {i - 1} and {i} are {(frames[i].At - frames[i - 1].At).TotalSeconds:F2} s apart");
        }
    }
}
