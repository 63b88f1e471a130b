using System.Diagnostics;
using LoRaFuota.Emulation.DryRun;
using LoRaFuota.Planning;
using LoRaFuota.Simulation;
using LoRaFuota.Testing;
using Xunit.Abstractions;

namespace LoRaFuota.Emulation.Tests;

/// <summary>
/// Whole campaigns through each adapter, a real Mosquitto and the emulated server: every device ends UPDATED with the
/// input image, no frame counter or fragment is used twice, and no fragment is sent outside its session window.
/// </summary>
public sealed class EndToEndTests(ITestOutputHelper output)
{
    [SkippableTheory]
    [InlineData(NetworkServerDialect.ChirpStack, MulticastClass.ClassC, 4, 4000, true)]
    [InlineData(NetworkServerDialect.ChirpStack, MulticastClass.ClassB, 4, 4000, true)]
    [InlineData(NetworkServerDialect.ChirpStack, MulticastClass.ClassC, 20, 20_000, true)] // the size the CLI run through the broker is held to
    [InlineData(NetworkServerDialect.TheThingsStack, MulticastClass.ClassC, 4, 4000, true)] // absolute_time
    [InlineData(NetworkServerDialect.TheThingsStack, MulticastClass.ClassB, 4, 4000, true)]
    [InlineData(NetworkServerDialect.TheThingsStack, MulticastClass.ClassC, 4, 4000, false)] // frames held by the engine to their slot
    [InlineData(NetworkServerDialect.TheThingsStack, MulticastClass.ClassB, 4, 4000, false)]
    [InlineData(NetworkServerDialect.TheThingsStack, MulticastClass.ClassC, 20, 20_000, true)]
    public async Task Campaign_ThroughTheBrokerAndTheEmulator_UpdatesEveryDevice(NetworkServerDialect dialect, MulticastClass multicastClass, int devices, int imageSize, bool gps)
    {
        using Mosquitto broker = Mosquitto.Start();
        var wall = Stopwatch.StartNew();
        await using BrokerSimulation run = await BrokerSimulation.StartAsync(DryRunBench.Simulation(multicastClass, devices, imageSize), DryRunBench.Options(broker, dialect, gps));

        SimulationResult result = await run.RunAsync();

        output.WriteLine($"{dialect} {multicastClass} gps={gps}: {wall.Elapsed.TotalSeconds:F1} s wall, {result.Duration.TotalMinutes:F0} min virtual, {run.Emulator.EventsEmitted} uplinks, {run.Emulator.CommandsHandled} commands, {result.FragmentsSent} fragments");
        DryRunBench.AssertDelivered(result, run);
        Assert.Empty(run.Emulator.Dropped);
    }

    [SkippableTheory]
    [InlineData(NetworkServerDialect.ChirpStack)]
    [InlineData(NetworkServerDialect.TheThingsStack)]
    public async Task EngineConnectionDropped_MidCampaign_ItReconnectsAndTheCampaignCompletesWithNothingSentTwice(NetworkServerDialect dialect)
    {
        using Mosquitto broker = Mosquitto.Start();
        await using BrokerSimulation run = await BrokerSimulation.StartAsync(DryRunBench.Simulation(MulticastClass.ClassC, 4, 4000), DryRunBench.Options(broker, dialect));
        int steps = 0;

        SimulationResult result = await run.RunAsync(async r =>
        {
            if (++steps % 25 == 0)
            {
                await r.DropEngineConnectionAsync(); // ChirpStack: the broker keeps the session and its QoS 1 messages; TTS: QoS 0, lost
            }
        });

        output.WriteLine($"{dialect}: {run.EngineReconnects} reconnects, {steps} steps");
        Assert.True(run.EngineReconnects >= 2, $"{run.EngineReconnects} reconnects");
        DryRunBench.AssertDelivered(result, run);
    }

    [SkippableTheory]
    [InlineData(NetworkServerDialect.ChirpStack)]
    [InlineData(NetworkServerDialect.TheThingsStack)]
    public async Task BrokerRestarted_MidCampaign_BothSidesReconnectAndTheCampaignCompletes(NetworkServerDialect dialect)
    {
        using Mosquitto broker = Mosquitto.Start();
        await using BrokerSimulation run = await BrokerSimulation.StartAsync(DryRunBench.Simulation(MulticastClass.ClassC, 4, 4000), DryRunBench.Options(broker, dialect));
        int steps = 0;

        SimulationResult result = await run.RunAsync(r =>
        {
            if (++steps == 40)
            {
                broker.Restart(); // a crash: the broker forgets sessions and messages in flight
            }

            return Task.CompletedTask;
        });

        Assert.True(run.EngineReconnects >= 1, $"engine: {run.EngineReconnects} reconnects");
        Assert.True(run.Emulator.Reconnects >= 1, $"emulator: {run.Emulator.Reconnects} reconnects");
        DryRunBench.AssertDelivered(result, run);
    }
}
