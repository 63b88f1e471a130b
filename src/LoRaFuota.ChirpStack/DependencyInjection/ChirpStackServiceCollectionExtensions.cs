using LoRaFuota.ChirpStack.Api;
using LoRaFuota.ChirpStack.Mqtt;
using LoRaFuota.ChirpStack.Transport;
using LoRaFuota.DependencyInjection;
using LoRaFuota.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the ChirpStack v4 adapter as the campaign runner's network server.</summary>
public static class ChirpStackServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ChirpStackMqttClient"/>, <see cref="ChirpStackApiClient"/> and <see cref="ChirpStackTransport"/>
    /// as the <see cref="IFuotaTransport"/>, their options validated when the host starts, and a hosted service that
    /// connects to the broker on start (refused credentials stop the start with their error).
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="mqtt">Sets the MQTT integration's options.</param>
    /// <param name="api">Sets the gRPC API's options (address, API token).</param>
    /// <param name="transport">Sets the application, region and gateways.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddLoRaFuotaChirpStack(this IServiceCollection services, Action<ChirpStackMqttOptions> mqtt, Action<ChirpStackApiOptions> api, Action<ChirpStackTransportOptions> transport)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(mqtt);
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(transport);
        services.AddOptions<ChirpStackMqttOptions>().Configure(mqtt).ValidateOnStart();
        services.AddOptions<ChirpStackApiOptions>().Configure(api).ValidateOnStart();
        services.AddOptions<ChirpStackTransportOptions>().Configure(transport).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ChirpStackMqttOptions>>(new ValidatedOptions<ChirpStackMqttOptions>(o => o.Validate())));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ChirpStackApiOptions>>(new ValidatedOptions<ChirpStackApiOptions>(o => o.Validate())));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ChirpStackTransportOptions>>(new ValidatedOptions<ChirpStackTransportOptions>(o => o.Validate())));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new ChirpStackMqttClient(sp.GetRequiredService<IOptions<ChirpStackMqttOptions>>().Value, sp.GetService<ILogger<ChirpStackMqttClient>>()));
        services.TryAddSingleton(sp => new ChirpStackApiClient(sp.GetRequiredService<IOptions<ChirpStackApiOptions>>().Value, time: sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new ChirpStackTransport(
            sp.GetRequiredService<ChirpStackMqttClient>(), sp.GetRequiredService<ChirpStackApiClient>(), sp.GetRequiredService<IOptions<ChirpStackTransportOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(), sp.GetService<ILogger<ChirpStackTransport>>()));
        services.TryAddSingleton<IFuotaTransport>(sp => sp.GetRequiredService<ChirpStackTransport>());
        services.AddSingleton<IHostedService>(sp => new ConnectOnStart(sp.GetRequiredService<ChirpStackMqttClient>().ConnectAsync));
        return services;
    }
}
