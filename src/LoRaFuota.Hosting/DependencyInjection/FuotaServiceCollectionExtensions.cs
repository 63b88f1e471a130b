using LoRaFuota.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the LoRaFuota campaign runner.</summary>
public static class FuotaServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IFuotaCampaignRunnerFactory"/>, <see cref="FuotaMetrics"/>, <see cref="TimeProvider.System"/>
    /// (unless a <see cref="TimeProvider"/> is registered) and <see cref="FuotaRunnerOptions"/>, validated on start. The
    /// network server's <see cref="IFuotaTransport"/> is registered separately.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddLoRaFuota(this IServiceCollection services) => services.AddLoRaFuota(static _ => { });

    /// <summary>Registers the runner as <see cref="AddLoRaFuota(IServiceCollection)"/> does, with options set by <paramref name="configure"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the runner options.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddLoRaFuota(this IServiceCollection services, Action<FuotaRunnerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<FuotaRunnerOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FuotaRunnerOptions>, FuotaRunnerOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new FuotaMetrics(sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.TryAddSingleton<IFuotaCampaignRunnerFactory, FuotaCampaignRunnerFactory>();
        return services;
    }
}
