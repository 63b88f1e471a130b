using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Xunit.Abstractions;

namespace LoRaFuota.Server.Tests;

/// <summary>The campaign API end to end: upload, create, follow to the end, report, cancel, mistakes.</summary>
public sealed class CampaignApiTests(ITestOutputHelper log)
{
    [Fact]
    public async Task A_campaign_created_through_the_api_updates_every_device_and_reports_like_simulate()
    {
        await using ServerBench bench = await ServerBench.StartAsync();
        byte[] image = RandomNumberGenerator.GetBytes(3000);
        JsonElement package = await bench.UploadAsync(image);
        JsonElement created = await bench.CreateCampaignAsync(package.GetProperty("id").GetString()!);

        JsonElement report = await bench.WaitForEndAsync(created.GetProperty("id").GetString()!, TimeSpan.FromSeconds(120));

        foreach (JsonElement device in report.GetProperty("device_results").EnumerateArray())
        {
            log.WriteLine(device.ToString());
        }

        Assert.Equal("completed", report.GetProperty("state").GetString());
        Assert.Equal(4, report.GetProperty("updated").GetInt32());
        Assert.Equal(0, report.GetProperty("failed").GetInt32());
        Assert.True(report.GetProperty("fragments_sent").GetInt32() > 0);
        string sha = Convert.ToHexStringLower(SHA256.HashData(image));
        Assert.All(report.GetProperty("device_results").EnumerateArray(), d =>
        {
            Assert.Equal("UPDATED", d.GetProperty("state").GetString());
            Assert.Equal(sha, d.GetProperty("firmware_sha256").GetString());
            Assert.Equal("2.0.0", d.GetProperty("firmware_version").GetString());
            Assert.Equal(JsonValueKind.Null, d.GetProperty("failure_reason").ValueKind);
            Assert.Equal(1, d.GetProperty("lwm2m_result").GetInt32());
            Assert.Equal("UPDATED", d.GetProperty("history").EnumerateArray().Last().GetProperty("state").GetString());
        });
    }

    [Fact]
    public async Task A_paced_campaign_contacts_two_devices_a_minute_in_the_order_listed_and_still_updates_all()
    {
        await using ServerBench bench = await ServerBench.StartAsync(devices: 5);
        JsonElement package = await bench.UploadAsync(RandomNumberGenerator.GetBytes(2000));
        JsonElement created = await bench.CreateCampaignAsync(package.GetProperty("id").GetString()!, "\"redundancy_percent\": 30, \"devices_per_minute\": 2");

        JsonElement report = await bench.WaitForEndAsync(created.GetProperty("id").GetString()!, TimeSpan.FromSeconds(120));

        Assert.Equal(5, report.GetProperty("updated").GetInt32());
        Assert.Equal(2, report.GetProperty("parameters").GetProperty("devices_per_minute").GetInt32());
        DateTimeOffset start = report.GetProperty("created_at").GetDateTimeOffset();
        JsonElement[] devices = [.. report.GetProperty("device_results").EnumerateArray()];
        for (int i = 0; i < devices.Length; i++)
        {
            DateTimeOffset contacted = devices[i].GetProperty("history").EnumerateArray().First(h => h.GetProperty("state").GetString() == "INITIATED").GetProperty("at").GetDateTimeOffset();
            log.WriteLine($"{devices[i].GetProperty("dev_eui")}: contacted {(contacted - start).TotalSeconds:F0} s after creation");
            Assert.True(contacted - start >= TimeSpan.FromMinutes(i / 2), $"device {i} was contacted {contacted - start} after creation");
        }
    }
}
