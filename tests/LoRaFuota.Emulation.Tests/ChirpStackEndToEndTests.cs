using System.Diagnostics;
using LoRaFuota.Campaigns;
using LoRaFuota.Campaigns.Events;
using LoRaFuota.Planning;
using LoRaFuota.Simulation.Network;
using Xunit.Abstractions;

namespace LoRaFuota.Emulation.Tests;

/// <summary>
/// Whole campaigns through the ChirpStack adapter, a real Mosquitto and the emulated ChirpStack: every device ends
/// UPDATED with the input image, no frame counter is used twice, and no fragment is sent outside its session window.
/// </summary>
public sealed class ChirpStackEndToEndTests(ITestOutputHelper output)
{
    [SkippableTheory]
    [InlineData(MulticastClass.ClassC, 4, 4000)]
    [InlineData(MulticastClass.ClassB, 4, 4000)]
    [InlineData(MulticastClass.ClassC, 20, 20_000)] // the size the CLI run through the broker is held to
    public async Task Campaign_ThroughTheBrokerAndTheEmulator_UpdatesEveryDevice(MulticastClass multicastClass, int devices, int imageSize)
    {
        var wall = Stopwatch.StartNew();
        await using ChirpStackBench bench = await ChirpStackBench.CreateAsync(devices, imageSize, multicastClass, periodicity: multicastClass == MulticastClass.ClassB ? (byte)2 : null);

        await bench.RunAsync();

        output.WriteLine($"{multicastClass}: {wall.Elapsed.TotalSeconds:F1} s wall, {(bench.Time.GetUtcNow() - ChirpStackBench.Start).TotalMinutes:F0} min virtual, {bench.Emulator.EventsEmitted} uplinks, {bench.Emulator.CommandsHandled} commands");
        Assert.True(bench.Campaign.IsCompleted);
        Assert.All(bench.Campaign.GetDevices(), d => Assert.Equal(OtaState.Updated, d.State));
        string sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bench.Image));
        Assert.All(bench.Emulator.Network.Devices, d => Assert.Equal(sha, d.InstalledSha256));
        Assert.Empty(bench.Emulator.Dropped);
        Assert.Empty(bench.Emulator.Network.Log.Violations);

        SessionScheduled session = Assert.Single(bench.Events.OfType<SessionScheduled>());
        MulticastTransmission[] frames = [.. bench.Emulator.Network.Log.Multicast];
        Assert.NotEmpty(frames);
        Assert.Equal(frames.Length, frames.Select(f => f.FCnt).Distinct().Count()); // no counter twice
        Assert.All(frames, f => Assert.True(f.At >= session.SessionStart && f.At + f.Airtime <= session.SessionEnd, $"FCnt {f.FCnt} at {f.At:O} outside {session.SessionStart:O}..{session.SessionEnd:O}"));
    }

    [SkippableFact]
    public async Task EngineConnectionDropped_MidCampaign_ItReconnectsAndTheCampaignCompletesWithNothingSentTwice()
    {
        await using ChirpStackBench bench = await ChirpStackBench.CreateAsync(devices: 4, imageSize: 4000, MulticastClass.ClassC);
        int steps = 0;

        await bench.RunAsync(async b =>
        {
            if (++steps % 25 == 0)
            {
                await b.Mqtt.DropConnectionAsync(); // the broker keeps the session and its QoS 1 messages meanwhile
            }
        });

        Assert.True(bench.Mqtt.Reconnects >= 2, $"{bench.Mqtt.Reconnects} reconnects");
        Assert.True(bench.Campaign.IsCompleted);
        Assert.All(bench.Campaign.GetDevices(), d => Assert.Equal(OtaState.Updated, d.State));
        MulticastTransmission[] frames = [.. bench.Emulator.Network.Log.Multicast];
        Assert.Equal(frames.Length, frames.Select(f => f.FCnt).Distinct().Count());
        MulticastTransmission[] fragments = [.. frames.Where(f => f.Kind == Campaigns.MulticastPayloadKind.DataFragment)];
        Assert.Equal(fragments.Length, fragments.Select(f => f.FragmentNumber).Distinct().Count()); // no fragment sent twice
        Assert.Empty(bench.Emulator.Network.Log.Violations);
    }
}
