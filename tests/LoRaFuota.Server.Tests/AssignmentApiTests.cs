using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Xunit.Abstractions;

namespace LoRaFuota.Server.Tests;

/// <summary>Package assignments through the API, with ThingsBoard's rules, turning into campaigns that run.</summary>
public sealed class AssignmentApiTests(ITestOutputHelper log)
{
    private const string Parameters = "\"region\": \"EU868\", \"dr\": 5, \"class\": \"C\", \"redundancy_percent\": 30";

    [Fact]
    public async Task A_group_assignment_updates_the_group_a_device_assignment_overrides_it_and_a_later_group_assignment_leaves_that_device_alone()
    {
        await using ServerBench bench = await ServerBench.StartAsync(devices: 4);
        string[] euis = [.. bench.Fleet.Devices.Select(d => d.DevEui.ToString())];
        for (int i = 0; i < euis.Length; i++)
        {
            await RegisterAsync(bench, euis[i], i < 3 ? "meters" : "valves");
        }

        string v2 = await UploadAsync(bench, "2.0.0");
        string v3 = await UploadAsync(bench, "3.0.0");
        string v4 = await UploadAsync(bench, "4.0.0");

        // 1. The group gets 2.0.0: one campaign for its three devices; the valve is not in the group.
        JsonElement first = await AssignAsync(bench, "/api/groups/meters/assignment", v2);
        JsonElement campaign = Assert.Single(first.GetProperty("campaigns").EnumerateArray());
        Assert.Equal(euis[..3], campaign.GetProperty("devices").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal("group:meters", campaign.GetProperty("origin").GetString());
        await bench.Client.PostAsync(new Uri($"/api/campaigns/{campaign.GetProperty("id")}/cancel", UriKind.Relative), null);
        await bench.WaitForEndAsync(campaign.GetProperty("id").GetString()!, TimeSpan.FromSeconds(120));

        // 2. One meter gets its own assignment: a campaign for it alone.
        JsonElement own = await AssignAsync(bench, $"/api/devices/{euis[0]}/assignment", v3);
        Assert.Equal([euis[0]], Assert.Single(own.GetProperty("campaigns").EnumerateArray()).GetProperty("devices").EnumerateArray().Select(d => d.GetString()));

        // 3. Later the group moves to 4.0.0: the other two meters follow, the one with its own assignment is left alone.
        JsonElement later = await AssignAsync(bench, "/api/groups/meters/assignment", v4);
        Assert.Equal(euis[1..3], Assert.Single(later.GetProperty("campaigns").EnumerateArray()).GetProperty("devices").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal([(euis[0], "own_assignment")], later.GetProperty("skipped").EnumerateArray().Select(s => (s.GetProperty("dev_eui").GetString(), s.GetProperty("reason").GetString())));

        foreach (JsonElement started in own.GetProperty("campaigns").EnumerateArray().Concat(later.GetProperty("campaigns").EnumerateArray()))
        {
            JsonElement report = await bench.WaitForEndAsync(started.GetProperty("id").GetString()!, TimeSpan.FromSeconds(120));
            Assert.Equal("completed", report.GetProperty("state").GetString());
        }

        JsonElement[] devices = [.. (await bench.Client.GetFromJsonAsync<JsonElement>(new Uri("/api/devices", UriKind.Relative))).EnumerateArray()];
        foreach (JsonElement device in devices)
        {
            log.WriteLine(device.ToString());
        }

        Assert.Equal(["3.0.0", "4.0.0", "4.0.0", "1.0.0"], devices.Select(d => d.GetProperty("installed_version").GetString()));
        Assert.Equal([$"device:{euis[0]}", "group:meters", "group:meters", null], devices.Select(d => d.GetProperty("assigned_by").GetString()));

        // 4. A second identical assignment finds everyone up to date and starts nothing.
        JsonElement again = await AssignAsync(bench, "/api/groups/meters/assignment", v4);
        Assert.Empty(again.GetProperty("campaigns").EnumerateArray());
        Assert.Equal(["own_assignment", "up_to_date", "up_to_date"], again.GetProperty("skipped").EnumerateArray().Select(s => s.GetProperty("reason").GetString()));
        Assert.Equal(HttpStatusCode.Conflict, (await bench.Client.DeleteAsync(new Uri($"/api/packages/{v4}", UriKind.Relative))).StatusCode); // assigned
        Assert.Equal(2, (await bench.Client.GetFromJsonAsync<JsonElement>(new Uri("/api/assignments", UriKind.Relative))).GetArrayLength());
    }

    [Theory]
    [InlineData("/api/groups/meters/assignment", "{\"package_id\": \"PKG\", \"devices\": [{\"dev_eui\": \"70b3d57ed0000001\"}], " + Parameters + "}", "leave devices out")]
    [InlineData("/api/groups/meters/assignment", "{\"package_id\": \"00000000-0000-0000-0000-000000000009\", " + Parameters + "}", "names no package")]
    [InlineData("/api/groups/meters/assignment", "{\"package_id\": \"PKG\", \"region\": \"EU868\", \"dr\": 0, \"class\": \"C\", \"redundancy\": 2000}", "cannot run as planned")]
    [InlineData("/api/groups/%20x/assignment", "{\"package_id\": \"PKG\", " + Parameters + "}", "group name")]
    [InlineData("/api/devices/zz/assignment", "{\"package_id\": \"PKG\", " + Parameters + "}", "16 hex digits")]
    [InlineData("/api/devices/70b3d57ed0000001", "{\"region\": \"XX1\"}", "region \\\"XX1\\\"")]
    [InlineData("/api/devices/70b3d57ed0000001", "{\"uplink_interval_s\": 0}", "uplink interval")]
    public async Task Bad_assignments_and_registrations_get_a_problem_and_store_nothing(string path, string body, string expected)
    {
        await using ServerBench bench = await ServerBench.StartAsync(devices: 1);
        string package = await UploadAsync(bench, "2.0.0");
        using var content = new StringContent(body.Replace("PKG", package, StringComparison.Ordinal), Encoding.UTF8, "application/json");

        HttpResponseMessage response = await bench.Client.PutAsync(new Uri(path, UriKind.Relative), content);

        string problem = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, JsonDocument.Parse(problem).RootElement.GetProperty("detail").GetRawText(), StringComparison.Ordinal);
        Assert.Equal(0, (await bench.Client.GetFromJsonAsync<JsonElement>(new Uri("/api/assignments", UriKind.Relative))).GetArrayLength());
        Assert.Equal(0, (await bench.Client.GetFromJsonAsync<JsonElement>(new Uri("/api/devices", UriKind.Relative))).GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await bench.Client.DeleteAsync(new Uri("/api/groups/meters/assignment", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task A_campaign_for_a_device_already_in_a_running_campaign_is_refused_with_409()
    {
        await using ServerBench bench = await ServerBench.StartAsync(devices: 2, scale: 1);
        string package = await UploadAsync(bench, "2.0.0");
        await bench.CreateCampaignAsync(package);
        string devices = TestFleet.Request(1);
        using var body = new StringContent($$"""{"package_id": "{{package}}", "devices": [{{devices}}], {{Parameters}}}""", Encoding.UTF8, "application/json");

        HttpResponseMessage response = await bench.Client.PostAsync(new Uri("/api/campaigns", UriKind.Relative), body);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("already in a running campaign", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, (await bench.Client.GetFromJsonAsync<JsonElement>(new Uri("/api/campaigns", UriKind.Relative))).GetArrayLength());
    }

    private static async Task RegisterAsync(ServerBench bench, string eui, string group)
    {
        using var body = new StringContent($$"""{"group": "{{group}}", "uplink_interval_s": {{TestFleet.UplinkSeconds}}, "firmware_version": "1.0.0"}""", Encoding.UTF8, "application/json");
        HttpResponseMessage response = await bench.Client.PutAsync(new Uri($"/api/devices/{eui}", UriKind.Relative), body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<string> UploadAsync(ServerBench bench, string version) =>
        (await bench.UploadAsync(RandomNumberGenerator.GetBytes(2000), version: version)).GetProperty("id").GetString()!;

    private static async Task<JsonElement> AssignAsync(ServerBench bench, string path, string package)
    {
        using var body = new StringContent($$"""{"package_id": "{{package}}", {{Parameters}}}""", Encoding.UTF8, "application/json");
        HttpResponseMessage response = await bench.Client.PutAsync(new Uri(path, UriKind.Relative), body);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
