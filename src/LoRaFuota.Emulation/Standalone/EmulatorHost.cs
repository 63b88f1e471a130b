using System.Net;
using LoRaFuota.Emulation.ChirpStack;
using LoRaFuota.Emulation.DryRun;
using LoRaFuota.Emulation.TheThingsStack;
using LoRaFuota.Regions;
using LoRaFuota.Simulation.Network;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LoRaFuota.Emulation.Standalone;

/// <summary>
/// An emulated network server on its own: the emulator on a broker and its API on a real port, so that any integration
/// (ours or a user's) can be pointed at it as at ChirpStack or The Things Stack.
/// </summary>
public sealed class EmulatorHost : IAsyncDisposable
{
    private readonly WebApplication _api;

    private EmulatorHost(NetworkServerEmulator emulator, WebApplication api, Uri address, string applicationId)
    {
        Emulator = emulator;
        _api = api;
        ApiAddress = address;
        ApplicationId = applicationId;
    }

    /// <summary>Gets the emulator (its counters and record).</summary>
    public NetworkServerEmulator Emulator { get; }

    /// <summary>Gets the address the API listens on (with the port picked when 0 was asked for).</summary>
    public Uri ApiAddress { get; }

    /// <summary>Gets the application the emulated server publishes under (ChirpStack's application id, or The Things Stack's application uid).</summary>
    public string ApplicationId { get; }

    /// <summary>Starts the API, connects the emulator to the broker and switches the devices on.</summary>
    /// <param name="network">The virtual devices (not started).</param>
    /// <param name="region">The region.</param>
    /// <param name="options">The broker, the dialect and the API's address.</param>
    /// <param name="time">The clock (a <see cref="Simulation.Time.ScaledTimeProvider"/> for a faster dry run).</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running emulator.</returns>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    /// <exception cref="IOException">The API's port is taken.</exception>
    public static async Task<EmulatorHost> StartAsync(SimulatedNetwork network, RegionalParameters region, EmulatorHostOptions options, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(region);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        options.Validate();
        NetworkServerEmulator emulator;
        string applicationId;
        Action<IServiceCollection> services;
        Action<WebApplication> map;
        if (options.Dialect == NetworkServerDialect.ChirpStack)
        {
            var settings = new ChirpStackEmulatorOptions { MqttHost = options.BrokerHost, MqttPort = options.BrokerPort, MqttUsername = options.BrokerUsername, MqttPassword = options.BrokerPassword };
            settings.ApiToken = options.ApiKey ?? settings.ApiToken;
            var chirpStack = new ChirpStackEmulator(network, region, settings, time);
            (emulator, applicationId, services, map) = (chirpStack, settings.ApplicationId, chirpStack.AddServices, app => ChirpStackEmulator.MapServices(app));
        }
        else
        {
            var settings = new TtsEmulatorOptions { MqttHost = options.BrokerHost, MqttPort = options.BrokerPort, MqttUsername = options.BrokerUsername, MqttPassword = options.BrokerPassword, GpsGateway = options.GpsGateway };
            settings.ApiKey = options.ApiKey ?? settings.ApiKey;
            var tts = new TtsEmulator(network, region, settings, time);
            (emulator, applicationId, services, map) = (tts, settings.ApplicationUid, _ => { }, tts.MapRegistry);
        }

        WebApplication api = Build(options, services, map);
        try
        {
            await api.StartAsync(cancellationToken).ConfigureAwait(false);
            Uri address = new(api.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            await emulator.StartAsync(cancellationToken).ConfigureAwait(false);
            return new EmulatorHost(emulator, api, address, applicationId);
        }
        catch
        {
            await emulator.DisposeAsync().ConfigureAwait(false);
            await api.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await Emulator.DisposeAsync().ConfigureAwait(false);
        await _api.StopAsync().ConfigureAwait(false);
        await _api.DisposeAsync().ConfigureAwait(false);
    }

    private static WebApplication Build(EmulatorHostOptions options, Action<IServiceCollection> services, Action<WebApplication> map)
    {
        Uri address = options.EffectiveApiAddress;
        IPAddress ip = address.IsLoopback && !IPAddress.TryParse(address.Host, out _) ? IPAddress.Loopback : IPAddress.Parse(address.Host);
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders(); // the command's output is its report; the emulator's record says what happened
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(ip, address.Port, listen =>
            // gRPC without TLS needs HTTP/2 with prior knowledge; The Things Stack's registry API is plain HTTP/1.1
            listen.Protocols = options.Dialect == NetworkServerDialect.ChirpStack ? HttpProtocols.Http2 : HttpProtocols.Http1AndHttp2));
        services(builder.Services);
        WebApplication api = builder.Build();
        map(api);
        return api;
    }
}
