using System.Text.Json;
using LoRaFuota.Campaigns;
using LoRaFuota.Simulation.Network;
using LoRaFuota.Testing;
using Xunit.Abstractions;

namespace LoRaFuota.Server.Tests;

/// <summary>
/// Two <c>lorafuota serve</c> processes on one PostgreSQL database and one emulated ChirpStack (each with its own MQTT
/// session, no shared subscription): the one running the campaign is killed with SIGKILL mid-delivery; the other takes
/// it over once the lease has run out and finishes it, and no step runs twice (each fragment on air once, no frame
/// counter twice, no state change recorded twice).
/// </summary>
public sealed class TwoInstanceTests(ITestOutputHelper log) : IDisposable
{
    private readonly TempDirectory _temp = new("lorafuota-two-");

    public void Dispose() => _temp.Dispose();

    [SkippableFact]
    public async Task One_of_two_instances_is_killed_mid_delivery_and_the_other_finishes_the_campaign_with_no_step_twice()
    {
        using PostgreSqlServer database = PostgreSqlServer.CreateDatabase();
        await using EmulatorRig rig = await EmulatorRig.StartAsync(_temp.Path);
        string db = "postgres:" + database.ConnectionString;
        using ServiceProcess a = await ServiceProcess.StartAsync(Client("instance-a"), "--config", rig.Config, "--db", db, "--owner", "instance-a");
        string id = await rig.CreateCampaignAsync(a.Address); // instance-a claims it at once (b is not started yet)
        using ServiceProcess b = await ServiceProcess.StartAsync(Client("instance-b"), "--config", rig.Config, "--db", db, "--owner", "instance-b");

        JsonElement report = default;
        bool killed = false;
        var wall = System.Diagnostics.Stopwatch.StartNew(); // a bound on the test, not a measurement
        while (wall.Elapsed < TimeSpan.FromSeconds(150))
        {
            report = await EmulatorRig.ReportAsync(b.Address, id);
            if (report.GetProperty("state").GetString() != "running")
            {
                break;
            }

            if (!killed && report.GetProperty("fragments_sent").GetInt32() > 0)
            {
                Assert.Equal("instance-a", await LeaseOwnerAsync(database, id));
                a.Kill();
                killed = true;
                log.WriteLine($"instance-a killed with {report.GetProperty("fragments_sent")} fragments recorded");
            }

            await Task.Delay(100);
        }

        log.WriteLine($"{report.GetProperty("state")} after {wall.Elapsed.TotalSeconds:F0} s; {rig.Host.Emulator.Network.Log.Multicast.Count} multicast frames on air");
        Assert.True(killed, "the campaign ended before a fragment was recorded");
        Assert.Equal("completed", report.GetProperty("state").GetString());
        Assert.Equal("instance-b", await LeaseOwnerAsync(database, id));
        Assert.All(report.GetProperty("device_results").EnumerateArray(), d => Assert.Equal("UPDATED", d.GetProperty("state").GetString()));
        Assert.All(rig.Fleet.Devices, d => Assert.Equal(rig.Sha256, d.InstalledSha256));
        MulticastTransmission[] fragments = [.. rig.Host.Emulator.Network.Log.Multicast.Where(f => f.Kind == MulticastPayloadKind.DataFragment)];
        Assert.Equal(fragments.Length, fragments.Select(f => f.FragmentNumber).Distinct().Count()); // no fragment twice
        Assert.Equal(fragments.Length, fragments.Select(f => (f.Group, f.FCnt)).Distinct().Count()); // no frame counter twice
        Assert.Single(rig.Host.Emulator.Network.Log.Groups); // the group was created once and reused by the second instance
        foreach (JsonElement device in report.GetProperty("device_results").EnumerateArray())
        {
            // no state change recorded twice: each state at most once in a device's history
            string[] states = [.. device.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("state").GetString()!)];
            Assert.Equal(states.Length, states.Distinct().Count());
        }

        Assert.Empty(rig.Host.Emulator.Network.Log.Violations);
    }

    private static Dictionary<string, string> Client(string name) => new() { ["LORAFUOTA_ChirpStack__ClientId"] = "lorafuota-" + name };

    private static async Task<string?> LeaseOwnerAsync(PostgreSqlServer database, string id)
    {
        await using var store = new Storage.PostgreSql.PostgreSqlFuotaStore(database.ConnectionString);
        return (await store.GetCampaignAsync(Guid.Parse(id)))?.LeaseOwner;
    }
}
