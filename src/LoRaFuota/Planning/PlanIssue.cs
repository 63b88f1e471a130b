namespace LoRaFuota.Planning;

/// <summary>An error or warning of a <see cref="CampaignPlan"/>: a code to branch on and a sentence for people.</summary>
/// <param name="Code">What it is about.</param>
/// <param name="Message">What is wrong and what to change, in words; it names no command-line option.</param>
public sealed record PlanIssue(PlanIssueCode Code, string Message)
{
    /// <summary>Returns the message.</summary>
    /// <returns><see cref="Message"/>.</returns>
    public override string ToString() => Message;
}
