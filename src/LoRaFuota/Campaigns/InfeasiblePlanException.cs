using LoRaFuota.Planning;

namespace LoRaFuota.Campaigns;

/// <summary>The campaign's options give a plan that cannot run (its <see cref="CampaignPlan.Errors"/> say why).</summary>
public sealed class InfeasiblePlanException : ArgumentException
{
    /// <summary>Initializes a new instance of the <see cref="InfeasiblePlanException"/> class.</summary>
    /// <param name="plan">The infeasible plan.</param>
    public InfeasiblePlanException(CampaignPlan plan)
        : base("The campaign cannot run as planned: " + string.Join(" ", (plan ?? throw new ArgumentNullException(nameof(plan))).Errors))
    {
        Plan = plan;
    }

    /// <summary>Gets the plan, with every reason in <see cref="CampaignPlan.Errors"/>.</summary>
    public CampaignPlan Plan { get; }
}
