using System.Security.Cryptography;
using System.Text.Json;
using LoRaFuota.Cli;
using LoRaFuota.Testing;

namespace LoRaFuota.Server.Tests;

/// <summary>The CLI contract against a running <c>lorafuota serve</c>: package upload and list, campaign create, status, watch, cancel and list.</summary>
public sealed class ClientCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new("lorafuota-client-");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Upload_create_watch_and_status_drive_a_dry_run_to_the_end()
    {
        await using ServeRun serve = await ServeRun.StartAsync("--db", $"sqlite:{Path.Combine(_temp.Path, "c.db")}", "--api-key", "k2", "--time-scale", "100", "--fleet", TestFleet.Write(_temp.Path, 3));
        string server = serve.Address.ToString();
        string image = Path.Combine(_temp.Path, "fw.bin");
        await File.WriteAllBytesAsync(image, RandomNumberGenerator.GetBytes(2500));
        string fleet = TestFleet.Write(_temp.Path, 3);

        (int code, string output, _) = Cli("package", "upload", "--server", server, "--api-key", "k2", "--input", image, "--title", "sensor", "--version", "2.0.0");
        Assert.Equal(0, code);
        string package = JsonDocument.Parse(output).RootElement.GetProperty("id").GetString()!;
        Assert.Contains(package, Cli("package", "list", "--server", server, "--api-key", "k2").Output, StringComparison.Ordinal);

        (code, output, _) = Cli("campaign", "create", "--server", server, "--api-key", "k2", "--package", package, "--fleet", fleet, "--region", "EU868", "--dr", "5", "--class", "C", "--redundancy-percent", "30");
        Assert.Equal(0, code);
        string id = JsonDocument.Parse(output).RootElement.GetProperty("id").GetString()!;

        (code, output, _) = Cli("campaign", "watch", "--server", server, "--api-key", "k2", id);
        Assert.Equal(0, code);
        Assert.Contains("completed, 3/3 updated", output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1], StringComparison.Ordinal);

        (code, output, _) = Cli("campaign", "status", "--server", server, "--api-key", "k2", id, "--format", "json");
        using JsonDocument report = JsonDocument.Parse(output);
        Assert.Equal("completed", report.RootElement.GetProperty("state").GetString());
        Assert.Equal(3, report.RootElement.GetProperty("devices").GetInt32());
        Assert.Equal(3, report.RootElement.GetProperty("updated").GetInt32());
        Assert.Equal(0, report.RootElement.GetProperty("failed").GetInt32());
        Assert.True(report.RootElement.GetProperty("fragments_sent").GetInt32() > 0);
        Assert.All(report.RootElement.GetProperty("device_results").EnumerateArray(), d =>
        {
            Assert.Equal("UPDATED", d.GetProperty("state").GetString());
            Assert.Equal(JsonValueKind.Null, d.GetProperty("failure_reason").ValueKind);
            Assert.Equal(64, d.GetProperty("firmware_sha256").GetString()!.Length);
            Assert.NotEmpty(d.GetProperty("history").EnumerateArray());
        });
        Assert.Contains(id, Cli("campaign", "list", "--server", server, "--api-key", "k2").Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_ends_a_campaign_cancelled_and_a_wrong_key_is_one_line_with_exit_code_2()
    {
        await using ServeRun serve = await ServeRun.StartAsync("--db", $"sqlite:{Path.Combine(_temp.Path, "d.db")}", "--api-key", "k3", "--devices", "2");
        string server = serve.Address.ToString();
        string fleet = Path.Combine(_temp.Path, "fleet.json");
        await File.WriteAllTextAsync(fleet, """[{"dev_eui": "70b3d57ed0000001"}, {"dev_eui": "70b3d57ed0000002"}]""");
        string package = await UploadAsync(server, "k3", new byte[1000], "9");
        string id = JsonDocument.Parse(Cli("campaign", "create", "--server", server, "--api-key", "k3", "--package", package, "--fleet", fleet, "--region", "EU868", "--dr", "5", "--class", "C", "--redundancy", "4").Output).RootElement.GetProperty("id").GetString()!;

        (int code, string output, _) = Cli("campaign", "cancel", "--server", server, "--api-key", "k3", id, "--format", "json");
        Assert.Equal(0, code);
        Assert.True(JsonDocument.Parse(output).RootElement.GetProperty("cancel_requested").GetBoolean());
        (code, output, _) = Cli("campaign", "watch", "--server", server, "--api-key", "k3", id);
        Assert.Equal(0, code);
        Assert.Contains("cancelled", output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1], StringComparison.Ordinal);

        (code, _, string error) = Cli("campaign", "status", "--server", server, "--api-key", "wrong", id, "--format", "json");
        Assert.Equal(2, code);
        Assert.Equal("The service refused the API key (401): give one of its keys with --api-key.", error.Trim());
        (code, _, error) = Cli("campaign", "status", "--server", server, id);
        Assert.Equal(2, code);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        (code, _, error) = Cli("campaign", "status", "--server", "http://127.0.0.1:1", "--api-key", "k3", id);
        Assert.Equal(2, code);
        Assert.StartsWith("cannot reach the service at http://127.0.0.1:1/", error, StringComparison.Ordinal);
        (code, _, error) = Cli("campaign", "create", "--server", server, "--api-key", "k3", "--package", package, "--fleet", fleet, "--region", "EU868", "--dr", "5", "--class", "C");
        Assert.Equal(2, code);
        Assert.Contains("Give exactly one of --redundancy", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Devices_registered_in_a_group_get_the_package_assigned_to_it_and_the_cli_says_what_it_left_alone()
    {
        await using ServeRun serve = await ServeRun.StartAsync("--db", $"sqlite:{Path.Combine(_temp.Path, "g.db")}", "--api-key", "k4", "--time-scale", "100", "--fleet", TestFleet.Write(_temp.Path, 3));
        string server = serve.Address.ToString();
        string fleet = TestFleet.Write(_temp.Path, 3);
        string package = await UploadAsync(server, "k4", RandomNumberGenerator.GetBytes(2000), "2.0.0");

        (int code, string output, _) = Cli("device", "register", "--server", server, "--api-key", "k4", "--fleet", fleet, "--group", "meters");
        Assert.Equal(0, code);
        Assert.All(JsonDocument.Parse(output).RootElement.EnumerateArray(), d => Assert.Equal("meters", d.GetProperty("group").GetString()));
        (code, output, _) = Cli("package", "assign", "--server", server, "--api-key", "k4", "--package", package, "--group", "meters", "--region", "EU868", "--dr", "5", "--class", "C", "--redundancy-percent", "30");
        Assert.Equal(0, code);
        JsonElement campaign = Assert.Single(JsonDocument.Parse(output).RootElement.GetProperty("campaigns").EnumerateArray());
        Assert.Equal(3, campaign.GetProperty("devices").GetArrayLength());
        (code, output, _) = Cli("campaign", "watch", "--server", server, "--api-key", "k4", campaign.GetProperty("id").GetString()!);
        Assert.Contains("completed, 3/3 updated", output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1], StringComparison.Ordinal);

        (code, output, _) = Cli("device", "list", "--server", server, "--api-key", "k4");
        Assert.All(JsonDocument.Parse(output).RootElement.EnumerateArray(), d => Assert.Equal(("2.0.0", "group:meters"), (d.GetProperty("installed_version").GetString(), d.GetProperty("assigned_by").GetString())));
        (code, output, _) = Cli("package", "assign", "--server", server, "--api-key", "k4", "--package", package, "--group", "meters", "--region", "EU868", "--dr", "5", "--class", "C", "--redundancy-percent", "30");
        Assert.All(JsonDocument.Parse(output).RootElement.GetProperty("skipped").EnumerateArray(), s => Assert.Equal("up_to_date", s.GetProperty("reason").GetString()));
        (code, _, string error) = Cli("package", "assign", "--server", server, "--api-key", "k4", "--package", package, "--group", "meters", "--device", "70b3d57ed0000001", "--region", "EU868", "--dr", "5", "--class", "C", "--redundancy", "2");
        Assert.Equal((2, "Give exactly one of --group or --device."), (code, error.Trim()));
        (code, output, _) = Cli("package", "unassign", "--server", server, "--api-key", "k4", "--group", "meters");
        Assert.Equal(0, code);
        Assert.Empty(JsonDocument.Parse(output).RootElement.GetProperty("campaigns").EnumerateArray());
    }

    // Uploads an image through `package upload` and returns the package id.
    private async Task<string> UploadAsync(string server, string key, byte[] content, string version)
    {
        string image = Path.Combine(_temp.Path, "fw.bin");
        await File.WriteAllBytesAsync(image, content);
        (int code, string output, string error) = Cli("package", "upload", "--server", server, "--api-key", key, "--input", image, "--title", "fw", "--version", version);
        Assert.True(code == 0, error);
        return JsonDocument.Parse(output).RootElement.GetProperty("id").GetString()!;
    }

    private static (int Code, string Output, string Error) Cli(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = LoRaFuotaCli.Run(args, TextReader.Null, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
