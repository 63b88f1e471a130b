using LoRaFuota.Campaigns;
using LoRaFuota.Campaigns.Events;
using LoRaFuota.Simulation.Network;

namespace LoRaFuota.Hosting.Tests;

public sealed class FuotaCampaignRunnerTests
{
    [Fact]
    public async Task RunAsync_SimulatedNetworkOnAFakeClock_UpdatesEveryDeviceAndYieldsTheEvents()
    {
        using var bench = new RunnerBench(devices: 3);

        await bench.RunAsync();

        Assert.True(bench.Campaign.IsCompleted);
        Assert.All(bench.Campaign.GetDevices(), d => Assert.Equal(OtaState.Updated, d.State));
        Assert.IsType<CampaignCompleted>(bench.Events[^1]);
        Assert.Equal(3, bench.Events.OfType<DeviceStateChanged>().Count(e => e.To == OtaState.Updated));
        Assert.Empty(bench.Server.Network.Log.Violations);
        Assert.All(bench.Server.Network.Devices, d => Assert.Equal("2.0.0", d.RunningVersion));
    }

    [Fact]
    public async Task Cancel_MidCampaign_TearsDownAndFailsTheDevicesCancelled()
    {
        using var bench = new RunnerBench(devices: 2);
        bool cancelled = false;

        await bench.RunAsync(atEachStep: b =>
        {
            if (!cancelled && b.Events.OfType<SessionScheduled>().Any())
            {
                cancelled = true;
                b.Runner.Cancel();
            }
        });

        Assert.True(bench.Campaign.IsCancelled);
        Assert.All(bench.Campaign.GetDevices(), d => Assert.Equal(DeviceFailureReason.Cancelled, d.FailureReason));
        GroupRecord group = Assert.Single(bench.Server.Network.Log.Groups);
        Assert.NotNull(group.DeletedAt);
    }

    [Fact]
    public async Task RunAsync_TheServerRefusesTheGroup_DevicesFailNetworkServerError()
    {
        using var bench = new RunnerBench(devices: 2, wrap: inner => new RefusingTransport(inner, refuseGroups: true));

        await bench.RunAsync();

        Assert.Contains(bench.Events, e => e is ActionFailed { Error: "no room for another group" });
        Assert.All(bench.Campaign.GetDevices(), d => Assert.Equal(DeviceFailureReason.NetworkServerError, d.FailureReason));
    }

    [Fact]
    public async Task RunAsync_ATransportCallThatNeverReturns_TimesOutAsARefusal()
    {
        using var bench = new RunnerBench(devices: 1, wrap: inner => new RefusingTransport(inner, hangOnGroups: true));
        bench.Runner = new FuotaCampaignRunner(bench.Campaign, bench.Transport, bench.Time, options: new FuotaRunnerOptions { TransportTimeout = TimeSpan.FromSeconds(5) });

        Task run = bench.RunAsync();
        while (!RefusingTransport.Hanging(bench.Transport))
        {
            await Task.Delay(1);
        }

        bench.Time.Advance(TimeSpan.FromSeconds(6));
        await run;

        Assert.Contains(bench.Events, e => e is ActionFailed { Error: var error } && error.Contains("no answer within", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SaveSnapshot_MidCampaign_ARunnerOnTheRestoredCampaignFinishesIt()
    {
        using var bench = new RunnerBench(devices: 2);
        DateTimeOffset pause = RunnerBench.Start + TimeSpan.FromMinutes(20);
        await bench.RunAsync(until: pause);
        string snapshot = bench.Runner.SaveSnapshot();
        Assert.False(bench.Campaign.IsCompleted);

        FuotaCampaign restored = FuotaCampaign.Restore(snapshot, bench.Options.Image!, bench.Keys);
        bench.Runner = new FuotaCampaignRunner(restored, bench.Server, bench.Time);
        await bench.RunAsync();

        Assert.True(restored.IsCompleted);
        Assert.All(restored.GetDevices(), d => Assert.Equal(OtaState.Updated, d.State));
        Assert.Empty(bench.Server.Network.Log.Violations);
    }

    [Fact]
    public async Task RunAsync_Twice_Throws()
    {
        using var bench = new RunnerBench(devices: 1);
        await bench.RunAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (CampaignEvent _ in bench.Runner.RunAsync())
            {
            }
        });
    }

    [Fact]
    public void Constructor_BadOptions_ThrowsArgumentExceptionNamingThem()
    {
        using var bench = new RunnerBench(devices: 1);

        var ex = Assert.Throws<ArgumentException>(() => new FuotaCampaignRunner(bench.Campaign, bench.Server, options: new FuotaRunnerOptions { TransportTimeout = TimeSpan.Zero, UplinkBufferCapacity = 0 }));

        Assert.Contains("TransportTimeout", ex.Message, StringComparison.Ordinal);
        Assert.Contains("UplinkBufferCapacity", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Runner_CampaignPlannedTighterThanTheServerPaces_IsRefusedSayingWhatToSet()
    {
        ArgumentException ex = Assert.Throws<ArgumentException>(() => new RunnerBench(wrap: t => new PacingTransport(t, TimeSpan.FromSeconds(5))));

        Assert.Contains("at least 5 s apart but the campaign plans 3.95 s", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ServerSpacing = 5 s", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runner_CampaignPlannedForTheServersPacing_Runs()
    {
        using var bench = new RunnerBench(configure: o => o.ServerSpacing = TimeSpan.FromSeconds(5), wrap: t => new PacingTransport(t, TimeSpan.FromSeconds(5)));

        await bench.RunAsync();

        Assert.Equal(5, bench.Campaign.Plan.Spacing.TotalSeconds);
        Assert.All(bench.Campaign.GetDevices(), d => Assert.Equal(OtaState.Updated, d.State));
    }
}
