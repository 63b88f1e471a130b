using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace LoRaFuota.Server.Tests;

/// <summary><c>lorafuota serve</c> as a process of its own, so that it can be killed with SIGKILL (nothing flushed, no lease released).</summary>
internal sealed class ServiceProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _error = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServiceProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is string line && line.Contains("\"listening\"", StringComparison.Ordinal))
            {
                _listening.TrySetResult(new Uri(JsonDocument.Parse(line).RootElement.GetProperty("urls").GetString()!.Split(';')[0]));
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (_error)
            {
                _error.AppendLine(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri Address { get; private set; } = null!;

    /// <summary>Gets the process's resident memory now and its peak (VmRSS, VmHWM from /proc), in bytes; zeros where /proc is not there.</summary>
    public (long Resident, long Peak) Memory
    {
        get
        {
            string status = $"/proc/{_process.Id}/status";
            if (!File.Exists(status))
            {
                return (0, 0);
            }

            long Read(string[] lines, string key) =>
                lines.FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal)) is string line
                    ? long.Parse(line[key.Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024
                    : 0;
            try
            {
                string[] lines = File.ReadAllLines(status);
                return (Read(lines, "VmRSS:"), Read(lines, "VmHWM:"));
            }
            catch (IOException)
            {
                return (0, 0); // it has just exited
            }
        }
    }

    public string Error
    {
        get
        {
            lock (_error)
            {
                return _error.ToString();
            }
        }
    }

    public static Task<ServiceProcess> StartAsync(params string[] args) => StartAsync(null, args);

    /// <summary>Starts serve with extra environment variables (<c>LORAFUOTA_*</c> settings).</summary>
    public static async Task<ServiceProcess> StartAsync(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        string cli = Path.Combine(AppContext.BaseDirectory, "LoRaFuota.Cli.dll");
        var info = new ProcessStartInfo("dotnet", [cli, "serve", "--urls", "http://127.0.0.1:0", .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach ((string name, string value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }
        var service = new ServiceProcess(Process.Start(info)!);
        Task finished = await Task.WhenAny(service._listening.Task, service._process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(60)));
        if (finished != service._listening.Task)
        {
            string error = service.Error;
            service.Dispose();
            throw new InvalidOperationException($"serve did not start: {error}");
        }

        service.Address = await service._listening.Task;
        return service;
    }

    /// <summary>SIGKILL: the process ends at once, in the middle of whatever it was doing.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
