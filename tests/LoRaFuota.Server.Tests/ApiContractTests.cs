using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;

namespace LoRaFuota.Server.Tests;

/// <summary>The API's rules: keys, problem details for bad input with nothing half-created, package rules, cancel, the OpenAPI document.</summary>
public sealed class ApiContractTests
{
    [Fact]
    public async Task Without_a_valid_key_everything_but_health_is_refused()
    {
        await using ServerBench bench = await ServerBench.StartAsync(devices: 1);
        using HttpClient anonymous = bench.Anonymous();
        using HttpClient wrong = bench.Anonymous();
        wrong.DefaultRequestHeaders.Add("X-API-Key", "not-the-key");
        using HttpClient bearer = bench.Anonymous();
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ServerBench.Key);

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode);
        foreach (string path in new[] { "/api/packages", "/api/campaigns", "/openapi/v1.json", $"/api/campaigns/{Guid.NewGuid()}" })
        {
            HttpResponseMessage refused = await anonymous.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync(new Uri(path, UriKind.Relative))).StatusCode);
        }

        HttpResponseMessage page = await anonymous.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, page.StatusCode);
        Assert.Contains("<form method=\"post\" action=\"/login\">", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync(new Uri("/api/packages", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task The_dashboard_login_sets_an_http_only_cookie_only_for_the_right_key()
    {
        await using ServerBench bench = await ServerBench.StartAsync(devices: 1);
        using HttpClient client = bench.Anonymous();

        HttpResponseMessage wrong = await client.PostAsync(new Uri("/login", UriKind.Relative), new FormUrlEncodedContent([new("key", "nope")]));
        HttpResponseMessage right = await client.PostAsync(new Uri("/login", UriKind.Relative), new FormUrlEncodedContent([new("key", ServerBench.Key)]));

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.False(wrong.Headers.Contains("Set-Cookie"));
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        string cookie = right.Headers.GetValues("Set-Cookie").Single();
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        using var page = new HttpRequestMessage(HttpMethod.Get, "/");
        page.Headers.Add("Cookie", cookie.Split(';')[0]);
        HttpResponseMessage dashboard = await client.SendAsync(page);
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("LoRaFuota campaigns", await dashboard.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"devices\": []}", "package_id")]
    [InlineData("not json", "not a campaign request")]
    [InlineData("{\"package_id\": \"PKG\", \"devices\": [{\"dev_eui\": \"70b3d57ed0000001\"}, {\"dev_eui\": \"0000000000000bad\"}], \"region\": \"EU868\", \"dr\": 5, \"class\": \"C\", \"redundancy_percent\": 30}", "device 0000000000000bad is unknown: the service has no root key for it.")]
    [InlineData("{\"package_id\": \"PKG\", \"devices\": [{\"dev_eui\": \"70b3d57ed0000001\"}], \"region\": \"EU868\", \"dr\": 5, \"class\": \"C\", \"redundancy_percent\": 30, \"colour\": \"red\"}", "colour")]
    [InlineData("{\"package_id\": \"PKG\", \"devices\": [{\"dev_eui\": \"70b3d57ed0000001\"}], \"region\": \"XX999\", \"dr\": 5, \"class\": \"D\", \"redundancy_percent\": 30}", "region \\\"XX999\\\"")]
    [InlineData("{\"package_id\": \"PKG\", \"devices\": [{\"dev_eui\": \"70b3d57ed0000001\"}], \"region\": \"EU868\", \"dr\": 5, \"class\": \"D\", \"redundancy_percent\": 30}", "class must be C or B")]
    [InlineData("{\"package_id\": \"PKG\", \"devices\": [{\"dev_eui\": \"zz\"}, {\"dev_eui\": \"70b3d57ed0000001\"}, {\"dev_eui\": \"70b3d57ed0000001\"}], \"region\": \"EU868\", \"dr\": 5, \"class\": \"C\", \"redundancy_percent\": 30}", "devices[0].dev_eui must be 16 hex digits. device 70b3d57ed0000001 is listed twice.")]
    [InlineData("{\"package_id\": \"PKG\", \"devices\": [{\"dev_eui\": \"70b3d57ed0000001\"}], \"region\": \"EU868\", \"dr\": 5, \"class\": \"C\"}", "Redundancy")]
    [InlineData("{\"package_id\": \"PKG\", \"devices\": [{\"dev_eui\": \"70b3d57ed0000001\"}], \"region\": \"EU868\", \"dr\": 5, \"class\": \"C\", \"redundancy\": 2, \"devices_per_minute\": 0}", "devices_per_minute must be 1 to 1000000")]
    [InlineData("{\"package_id\": \"PKG\", \"devices\": [{\"dev_eui\": \"70b3d57ed0000001\"}], \"region\": \"EU868\", \"dr\": 0, \"class\": \"C\", \"redundancy\": 2000}", "cannot run as planned")]
    public async Task Bad_campaign_requests_get_a_problem_that_says_what_to_fix_and_create_nothing(string body, string expected)
    {
        await using ServerBench bench = await ServerBench.StartAsync(devices: 1);
        JsonElement package = await bench.UploadAsync(new byte[20_000]);
        using var content = new StringContent(body.Replace("PKG", package.GetProperty("id").GetString(), StringComparison.Ordinal), System.Text.Encoding.UTF8, "application/json");

        HttpResponseMessage response = await bench.Client.PostAsync(new Uri("/api/campaigns", UriKind.Relative), content);

        string problem = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(expected, JsonDocument.Parse(problem).RootElement.GetProperty("detail").GetRawText(), StringComparison.Ordinal);
        Assert.Empty((await bench.Client.GetFromJsonAsync<JsonElement>(new Uri("/api/campaigns", UriKind.Relative))).EnumerateArray());
    }

    [Fact]
    public async Task Packages_conflict_on_title_and_version_and_cannot_be_deleted_while_a_campaign_sends_them()
    {
        await using ServerBench bench = await ServerBench.StartAsync(devices: 2, scale: 1);
        JsonElement package = await bench.UploadAsync([1, 2, 3]);
        string id = package.GetProperty("id").GetString()!;
        using var again = new ByteArrayContent([4]);

        HttpResponseMessage conflict = await bench.Client.PostAsync(new Uri("/api/packages?title=fw&version=2.0.0", UriKind.Relative), again);
        HttpResponseMessage badChecksum = await bench.Client.PostAsync(new Uri("/api/packages?title=fw&version=3&checksum=00", UriKind.Relative), new ByteArrayContent([4]));
        HttpResponseMessage noTitle = await bench.Client.PostAsync(new Uri("/api/packages?version=3", UriKind.Relative), new ByteArrayContent([4]));
        JsonElement campaign = await bench.CreateCampaignAsync(id);
        HttpResponseMessage inUse = await bench.Client.DeleteAsync(new Uri($"/api/packages/{id}", UriKind.Relative));
        byte[] downloaded = await bench.Client.GetByteArrayAsync(new Uri($"/api/packages/{id}/content", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badChecksum.StatusCode);
        Assert.Contains("does not match the content", await badChecksum.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, noTitle.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, inUse.StatusCode);
        Assert.Equal([1, 2, 3], downloaded);
        Assert.Equal(HttpStatusCode.NotFound, (await bench.Client.GetAsync(new Uri($"/api/packages/{Guid.NewGuid()}", UriKind.Relative))).StatusCode);

        HttpResponseMessage cancel = await bench.Client.PostAsync(new Uri($"/api/campaigns/{campaign.GetProperty("id")}/cancel", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        Assert.True((await cancel.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("cancel_requested").GetBoolean());
    }

    [Fact]
    public async Task A_cancelled_campaign_ends_cancelled_with_its_devices_failed_cancelled()
    {
        await using ServerBench bench = await ServerBench.StartAsync(devices: 2);
        JsonElement package = await bench.UploadAsync(new byte[3000]);
        string id = (await bench.CreateCampaignAsync(package.GetProperty("id").GetString()!)).GetProperty("id").GetString()!;

        await bench.Client.PostAsync(new Uri($"/api/campaigns/{id}/cancel", UriKind.Relative), null);
        JsonElement report = await bench.WaitForEndAsync(id, TimeSpan.FromSeconds(120));

        Assert.Equal("cancelled", report.GetProperty("state").GetString());
        Assert.All(report.GetProperty("device_results").EnumerateArray(), d => Assert.Equal("cancelled", d.GetProperty("failure_reason").GetString()));
        HttpResponseMessage again = await bench.Client.PostAsync(new Uri($"/api/campaigns/{id}/cancel", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await bench.Client.DeleteAsync(new Uri($"/api/packages/{package.GetProperty("id")}", UriKind.Relative))).StatusCode); // ended: deletable
    }

    [Theory]
    [InlineData("truncated", "fw", "2.0.0", "is not one")]
    [InlineData("whole", "fw", "3.0.0", "version 3.0.0 differs from the signed manifest's 2.0.0")]
    [InlineData("whole", "other", "2.0.0", "title other differs from the signed manifest's fw")]
    [InlineData("empty", "fw", "2.0.0", "Content must hold at least one byte.")]
    public async Task Malformed_uploads_get_a_problem_and_store_nothing(string body, string title, string version, string expected)
    {
        await using ServerBench bench = await ServerBench.StartAsync(devices: 1, scale: 1);
        byte[] signed = Signing.FirmwarePackage.Create(new byte[500], "fw", "2.0.0");
        byte[] content = body switch
        {
            "truncated" => signed[..(signed.Length - 10)],
            "whole" => signed,
            _ => [],
        };

        HttpResponseMessage response = await bench.Client.PostAsync(new Uri($"/api/packages?title={title}&version={version}", UriKind.Relative), new ByteArrayContent(content));

        string problem = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, JsonDocument.Parse(problem).RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, (await bench.Client.GetFromJsonAsync<JsonElement>(new Uri("/api/packages", UriKind.Relative))).GetArrayLength());
    }

    [Fact]
    public async Task Concurrent_cancels_of_one_campaign_end_it_once_and_a_finished_one_refuses_more()
    {
        await using ServerBench bench = await ServerBench.StartAsync(devices: 3);
        JsonElement package = await bench.UploadAsync(new byte[3000]);
        string id = (await bench.CreateCampaignAsync(package.GetProperty("id").GetString()!)).GetProperty("id").GetString()!;

        HttpResponseMessage[] cancels = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => bench.Client.PostAsync(new Uri($"/api/campaigns/{id}/cancel", UriKind.Relative), null)));
        JsonElement report = await bench.WaitForEndAsync(id, TimeSpan.FromSeconds(120));
        HttpResponseMessage[] late = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => bench.Client.PostAsync(new Uri($"/api/campaigns/{id}/cancel", UriKind.Relative), null)));

        Assert.All(cancels, c => Assert.True(c.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.Conflict, c.StatusCode.ToString()));
        Assert.Contains(cancels, c => c.StatusCode == HttpStatusCode.Accepted);
        Assert.All(late, c => Assert.Equal(HttpStatusCode.Conflict, c.StatusCode));
        Assert.Equal("cancelled", report.GetProperty("state").GetString());
        Assert.All(report.GetProperty("device_results").EnumerateArray(), d =>
        {
            JsonElement[] history = [.. d.GetProperty("history").EnumerateArray()];
            Assert.Single(history, h => h.GetProperty("state").GetString() == "FAILED"); // ended once
            Assert.Equal("cancelled", history[^1].GetProperty("reason").GetString());
        });
    }

    [Fact]
    public async Task The_openapi_document_describes_every_mapped_route_and_nothing_else()
    {
        await using ServerBench bench = await ServerBench.StartAsync(devices: 1);
        JsonElement document = await bench.Client.GetFromJsonAsync<JsonElement>(new Uri("/openapi/v1.json", UriKind.Relative));
        var documented = new SortedSet<string>(StringComparer.Ordinal);
        foreach (JsonProperty path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (JsonProperty operation in path.Value.EnumerateObject().Where(o => o.Name != "parameters"))
            {
                documented.Add($"{operation.Name.ToUpperInvariant()} {path.Name}");
            }
        }

        var mapped = new SortedSet<string>(bench.Endpoints().Select(e => $"{e.Method} /{e.Pattern.TrimStart('/')}"), StringComparer.Ordinal);

        Assert.Equal("3.1.0", document.GetProperty("openapi").GetString());
        Assert.Equal(mapped, documented);
    }
}
