using System.Text.Json;
using LoRaFuota.Campaigns;
using LoRaFuota.Emulation.DryRun;
using LoRaFuota.Simulation.Network;
using LoRaFuota.Testing;
using Xunit.Abstractions;

namespace LoRaFuota.Server.Tests;

/// <summary>
/// Crashes of the real service process (SIGKILL) against the emulated ChirpStack or The Things Stack through Mosquitto: the campaign
/// completes after each restart as an uninterrupted run does, and the emulator's record shows each fragment enqueued
/// once with a unique frame counter. Both processes share one fast clock (<c>--time-origin</c>).
/// </summary>
public sealed class KillTests(ITestOutputHelper log) : IDisposable
{
    // A stable MQTT client id: the broker keeps the session, and the uplinks it queues, while the service restarts.
    private static readonly Dictionary<string, string> s_stableClient = new() { ["LORAFUOTA_ChirpStack__ClientId"] = "lorafuota-kill-test", ["LORAFUOTA_TheThingsStack__ClientId"] = "lorafuota-kill-test" };
    private readonly TempDirectory _temp = new("lorafuota-kill-");

    public void Dispose() => _temp.Dispose();

    [SkippableTheory]
    [InlineData("none", NetworkServerDialect.ChirpStack)]
    [InlineData("setup", NetworkServerDialect.ChirpStack)]
    [InlineData("enqueue", NetworkServerDialect.ChirpStack)]
    [InlineData("status", NetworkServerDialect.ChirpStack)]
    [InlineData("none", NetworkServerDialect.TheThingsStack)]
    [InlineData("enqueue", NetworkServerDialect.TheThingsStack)]
    public async Task A_service_killed_and_restarted_finishes_the_campaign_with_no_fragment_enqueued_twice(string killAt, NetworkServerDialect server)
    {
        await using EmulatorRig rig = await EmulatorRig.StartAsync(_temp.Path, server);
        string db = $"sqlite:{Path.Combine(_temp.Path, "kill.db")}";
        ServiceProcess service = await ServiceProcess.StartAsync(s_stableClient, "--config", rig.Config, "--db", db);
        try
        {
            string id = await rig.CreateCampaignAsync(service.Address);
            int kills = 0;
            JsonElement report = default;
            var wall = System.Diagnostics.Stopwatch.StartNew(); // a bound on the test, not a measurement
            while (wall.Elapsed < TimeSpan.FromSeconds(150))
            {
                report = await EmulatorRig.ReportAsync(service.Address, id);
                if (report.GetProperty("state").GetString() != "running")
                {
                    break;
                }

                if (kills == 0 && Due(killAt, report))
                {
                    service.Kill();
                    kills++;
                    log.WriteLine($"killed at '{killAt}': {report.GetProperty("fragments_sent")} fragments recorded, {Counts(report)}");
                    service.Dispose();
                    service = await ServiceProcess.StartAsync(s_stableClient, "--config", rig.Config, "--db", db);
                }

                await Task.Delay(100);
            }

            log.WriteLine($"{server} {killAt}: {report.GetProperty("state")}, {Counts(report)}, {report.GetProperty("fragments_sent")} fragments, {rig.Host.Emulator.Network.Log.Multicast.Count} multicast frames on air, {wall.Elapsed.TotalSeconds:F0} s");
            foreach (JsonElement device in report.GetProperty("device_results").EnumerateArray().Where(d => d.GetProperty("state").GetString() != "UPDATED"))
            {
                log.WriteLine($"{device.GetProperty("dev_eui")}: {device.GetProperty("failure_reason")} after {string.Join(" → ", device.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("state").GetString()))}");
            }

            Assert.Equal(killAt == "none" ? 0 : 1, kills);
            Assert.Equal("completed", report.GetProperty("state").GetString());
            // An uninterrupted run updates every device: so must every interrupted one.
            Assert.All(report.GetProperty("device_results").EnumerateArray(), d => Assert.Equal("UPDATED", d.GetProperty("state").GetString()));
            Assert.All(rig.Fleet.Devices, d => Assert.Equal(rig.Sha256, d.InstalledSha256));
            MulticastTransmission[] fragments = [.. rig.Host.Emulator.Network.Log.Multicast.Where(f => f.Kind == MulticastPayloadKind.DataFragment)];
            Assert.Equal(fragments.Length, fragments.Select(f => f.FragmentNumber).Distinct().Count()); // each fragment once, whatever group it went in
            int nbFrag = (await EmulatorRig.PlanAsync(service.Address, id)).GetProperty("nb_frag").GetInt32();
            Assert.True(fragments.Length >= nbFrag, $"{fragments.Length} of M = {nbFrag} fragments on air"); // delivery resumed on multicast, not all by unicast repair
            Assert.Equal(fragments.Length, fragments.Select(f => (f.Group, f.FCnt)).Distinct().Count()); // no frame counter twice
            Assert.Empty(rig.Host.Emulator.Network.Log.Violations);
        }
        finally
        {
            service.Dispose();
        }
    }

    private static bool Due(string killAt, JsonElement report)
    {
        int fragments = report.GetProperty("fragments_sent").GetInt32();
        JsonElement counts = report.GetProperty("state_counts");
        return killAt switch
        {
            "setup" => counts.GetProperty("INITIATED").GetInt32() > 0 && fragments == 0,
            "enqueue" => fragments > 0,
            "status" => counts.GetProperty("DOWNLOADED").GetInt32() + counts.GetProperty("VERIFIED").GetInt32() + counts.GetProperty("UPDATING").GetInt32() > 0,
            _ => false,
        };
    }

    private static string Counts(JsonElement report) =>
        string.Join(", ", report.GetProperty("state_counts").EnumerateObject().Where(c => c.Value.GetInt32() > 0).Select(c => $"{c.Name} {c.Value}"));
}
