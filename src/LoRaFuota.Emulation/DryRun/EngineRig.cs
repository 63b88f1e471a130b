using LoRaFuota.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Logging;

namespace LoRaFuota.Emulation.DryRun;

/// <summary>One dialect's parts on both sides of the broker: the emulated server and the engine's adapter.</summary>
internal abstract class EngineRig : IAsyncDisposable
{
    public abstract NetworkServerEmulator Emulator { get; }

    public abstract IFuotaTransport Transport { get; }

    /// <summary>Gets a value indicating whether the engine's side is connected and has nothing of its own in flight.</summary>
    public abstract bool Settled { get; }

    /// <summary>Gets the MQTT messages the engine published (commands or pushes).</summary>
    public abstract long Published { get; }

    /// <summary>Gets the messages that reached the engine.</summary>
    public abstract long Received { get; }

    /// <summary>Gets how often the engine reconnected.</summary>
    public abstract long Reconnects { get; }

    /// <summary>Gets when the engine's side next has something due (a held frame), if ever.</summary>
    public virtual DateTimeOffset? NextDue => null;

    public abstract Task DropEngineConnectionAsync();

    /// <summary>Starts the emulated server's HTTP API in process (a TestServer: no port), logging nothing: the run's output is the report.</summary>
    protected static async Task<WebApplication> StartApiAsync(Action<WebApplicationBuilder> services, Action<WebApplication> map, CancellationToken cancellationToken)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        services(builder);
        WebApplication api = builder.Build();
        map(api);
        await api.StartAsync(cancellationToken).ConfigureAwait(false);
        return api;
    }

    public abstract ValueTask DisposeAsync();
}
