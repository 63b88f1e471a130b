using LoRaFuota.Campaigns.State;

namespace LoRaFuota.Campaigns;

/// <content>Resuming delivery after a crash from the host's record of what reached the network server.</content>
public sealed partial class FuotaCampaign
{
    /// <summary>
    /// Tells a campaign restored after a crash which data fragments actually reached the network server (the host's
    /// record, written before each was handed over). A host that saves each step before its actions go out restores a
    /// campaign that believes the whole step was sent; the fragments of it that never went out are sent again while the
    /// session window lasts, with new frame counters. Delivery rewinds to the first fragment not handed over: any after
    /// it that did go out are decided again and must be dropped against the same record (the service's worker does).
    /// Call it once, before the restored campaign's next step.
    /// </summary>
    /// <param name="handedOver">Every (group, fragment number) recorded as handed to the network server.</param>
    /// <returns>How many fragments will be sent again.</returns>
    public int ResumeDelivery(IEnumerable<(int Group, int Fragment)> handedOver)
    {
        ArgumentNullException.ThrowIfNull(handedOver);
        ILookup<int, int> sent = handedOver.ToLookup(d => d.Group, d => d.Fragment);
        int again = 0;
        foreach (CohortState cohort in _state.Cohorts.Where(c => c.Stage == CohortStage.Sending && !c.Done))
        {
            var recorded = new HashSet<int>(sent[cohort.Index]);
            int first = Enumerable.Range(1, cohort.NextFragment - 1).FirstOrDefault(n => !recorded.Contains(n));
            if (first == 0)
            {
                continue; // everything the campaign decided to send went out
            }

            again += Enumerable.Range(first, cohort.NextFragment - first).Count(n => !recorded.Contains(n));
            cohort.NextFragment = first;
        }

        return again;
    }
}
