using Microsoft.Extensions.Hosting;

namespace LoRaFuota.DependencyInjection;

/// <summary>Connects an adapter's MQTT client when the host starts, so a refused credential stops the start with its clear error.</summary>
internal sealed class ConnectOnStart(Func<CancellationToken, Task> connect) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => connect(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
