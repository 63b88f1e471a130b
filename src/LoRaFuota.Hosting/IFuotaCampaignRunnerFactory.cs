using LoRaFuota.Campaigns;

namespace LoRaFuota.Hosting;

/// <summary>Creates runners wired to the registered transport, clock, logging, metrics and options.</summary>
public interface IFuotaCampaignRunnerFactory
{
    /// <summary>Creates a runner for a campaign.</summary>
    /// <param name="campaign">The campaign (new or restored).</param>
    /// <returns>The runner; call <see cref="FuotaCampaignRunner.RunAsync"/> to run it.</returns>
    FuotaCampaignRunner Create(FuotaCampaign campaign);
}
