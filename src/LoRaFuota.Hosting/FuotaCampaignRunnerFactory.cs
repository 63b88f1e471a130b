using LoRaFuota.Campaigns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LoRaFuota.Hosting;

/// <summary>The <see cref="IFuotaCampaignRunnerFactory"/> <c>AddLoRaFuota</c> registers.</summary>
internal sealed class FuotaCampaignRunnerFactory(
    IServiceProvider services,
    TimeProvider timeProvider,
    FuotaMetrics metrics,
    IOptions<FuotaRunnerOptions> options,
    ILoggerFactory? loggerFactory = null) : IFuotaCampaignRunnerFactory
{
    public FuotaCampaignRunner Create(FuotaCampaign campaign)
    {
        IFuotaTransport transport = services.GetService<IFuotaTransport>()
            ?? throw new InvalidOperationException("No IFuotaTransport is registered: register your network server's transport (for example the simulated one, or an adapter package) before creating runners.");
        return new FuotaCampaignRunner(campaign, transport, timeProvider, loggerFactory?.CreateLogger<FuotaCampaignRunner>(), metrics, options.Value);
    }
}
