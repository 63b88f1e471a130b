using System.Text.Json;
using LoRaFuota.Testing;

namespace LoRaFuota.Server.Tests;

/// <summary><c>lorafuota serve</c> on a thread of its own (in this process), on a free port, stopped as Ctrl+C would.</summary>
internal sealed class ServeRun : IAsyncDisposable
{
    private readonly CliThread _thread;

    private ServeRun(CliThread thread, Uri address)
    {
        _thread = thread;
        Address = address;
    }

    public Uri Address { get; }

    public string Error => _thread.Error;

    public static async Task<ServeRun> StartAsync(params string[] args)
    {
        var thread = CliThread.Start(["serve", "--urls", "http://127.0.0.1:0", .. args], TimeProvider.System);
        JsonElement listening = await thread.WaitForAsync("listening");
        return new ServeRun(thread, new Uri(listening.GetProperty("urls").GetString()!.Split(';')[0]));
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

    public Task<int> StopAsync() => _thread.StopAsync();

    public ValueTask DisposeAsync() => _thread.DisposeAsync();
}
