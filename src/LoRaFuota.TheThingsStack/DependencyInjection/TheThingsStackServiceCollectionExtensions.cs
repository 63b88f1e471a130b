using LoRaFuota.DependencyInjection;
using LoRaFuota.Hosting;
using LoRaFuota.TheThingsStack.Mqtt;
using LoRaFuota.TheThingsStack.Registry;
using LoRaFuota.TheThingsStack.Transport;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers The Things Stack v3 adapter as the campaign runner's network server.</summary>
public static class TheThingsStackServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="TtsMqttClient"/>, <see cref="TtsDeviceRegistryClient"/> and <see cref="TtsTransport"/> as the
    /// <see cref="IFuotaTransport"/>, their options validated when the host starts, and a hosted service that connects to
    /// the MQTT server on start (a refused API key stops the start with its error).
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="mqtt">Sets the MQTT server's options (application, tenant, API key).</param>
    /// <param name="api">Sets the HTTP API's options (base address, API key, frequency plan).</param>
    /// <param name="transport">Sets the gateways and the timing of multicast frames.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddLoRaFuotaTheThingsStack(this IServiceCollection services, Action<TtsMqttOptions> mqtt, Action<TtsApiOptions> api, Action<TtsTransportOptions> transport)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(mqtt);
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(transport);
        services.AddOptions<TtsMqttOptions>().Configure(mqtt).ValidateOnStart();
        services.AddOptions<TtsApiOptions>().Configure(api).ValidateOnStart();
        services.AddOptions<TtsTransportOptions>().Configure(transport).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TtsMqttOptions>>(new ValidatedOptions<TtsMqttOptions>(o => o.Validate())));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TtsApiOptions>>(new ValidatedOptions<TtsApiOptions>(o => o.Validate())));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TtsTransportOptions>>(new ValidatedOptions<TtsTransportOptions>(o => o.Validate())));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new TtsMqttClient(sp.GetRequiredService<IOptions<TtsMqttOptions>>().Value, sp.GetService<ILogger<TtsMqttClient>>()));
        services.TryAddSingleton(sp => new TtsDeviceRegistryClient(sp.GetRequiredService<IOptions<TtsApiOptions>>().Value, time: sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new TtsTransport(
            sp.GetRequiredService<TtsMqttClient>(), sp.GetRequiredService<TtsDeviceRegistryClient>(), sp.GetRequiredService<IOptions<TtsTransportOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(), sp.GetService<ILogger<TtsTransport>>()));
        services.TryAddSingleton<IFuotaTransport>(sp => sp.GetRequiredService<TtsTransport>());
        services.AddSingleton<IHostedService>(sp => new ConnectOnStart(sp.GetRequiredService<TtsMqttClient>().ConnectAsync));
        return services;
    }
}
