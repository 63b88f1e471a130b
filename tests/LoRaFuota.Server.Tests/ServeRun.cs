using System.Text.Json;
using LoRaFuota.Cli;

namespace LoRaFuota.Server.Tests;

/// <summary><c>lorafuota serve</c> on a thread of its own (in this process), on a free port, stopped as Ctrl+C would.</summary>
internal sealed class ServeRun : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();
    private Task<int> _exit = Task.FromResult(0);

    public Uri Address { get; private set; } = null!;

    public string Error => Text(_error);

    public static async Task<ServeRun> StartAsync(params string[] args)
    {
        var run = new ServeRun();
        TextWriter output = TextWriter.Synchronized(run._output);
        TextWriter error = TextWriter.Synchronized(run._error);
        run._exit = Task.Run(() => LoRaFuotaCli.Run(["serve", "--urls", "http://127.0.0.1:0", .. args], TextReader.Null, output, error, TimeProvider.System, run._stop.Token));
        for (int i = 0; i < 400 && !run._exit.IsCompleted; i++)
        {
            if (Text(run._output).Split('\n').FirstOrDefault(l => l.Contains("\"listening\"", StringComparison.Ordinal)) is string line)
            {
                run.Address = new Uri(JsonDocument.Parse(line).RootElement.GetProperty("urls").GetString()!.Split(';')[0]);
                return run;
            }

            await Task.Delay(50);
        }

        throw new InvalidOperationException($"serve did not start: {Text(run._error)}");
    }

    public HttpClient Client(string? key)
    {
        var client = new HttpClient { BaseAddress = Address };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-API-Key", key);
        }

        return client;
    }

    public async Task<int> StopAsync()
    {
        await _stop.CancelAsync();
        return await _exit.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private static string Text(StringWriter writer)
    {
        lock (writer)
        {
            return writer.ToString();
        }
    }
}
