using LoRaFuota.Campaigns;

namespace LoRaFuota.Tests.Campaigns;

/// <summary>A campaign restored after a crash sends again the fragments its host never handed over.</summary>
public class FuotaCampaignResumeTests
{
    [Fact]
    public void Fragments_decided_but_never_handed_over_go_out_again_with_new_counters()
    {
        var h = CampaignHarness.Create(devices: 1);
        h.RunToSession();
        MulticastGroupCreation group = h.Actions.OfType<MulticastGroupCreation>().Single();
        h.RunUntil(group.SessionStart + (h.Campaign.Plan.Spacing * 4));
        MulticastDownlink[] decided = [.. h.Actions.OfType<MulticastDownlink>()];
        Assert.True(decided.Length >= 3, $"{decided.Length} fragments decided");
        h.Campaign = FuotaCampaign.Restore(h.Campaign.SaveSnapshot(), h.Options.Image!, h.Keys); // the crash: only fragment 1 went out
        h.Actions.Clear();

        int again = h.Campaign.ResumeDelivery([(0, 1)]);
        h.RunUntil(group.SessionEnd - TimeSpan.FromSeconds(1));

        MulticastDownlink[] after = [.. h.Actions.OfType<MulticastDownlink>().Where(d => d.Kind == MulticastPayloadKind.DataFragment)];
        Assert.Equal(decided.Length - 1, again);
        Assert.Equal(Enumerable.Range(2, h.Campaign.Plan.NbFrag + h.Campaign.Plan.Redundancy - 1), after.Select(d => d.FragmentNumber));
        Assert.True(after[0].FCnt > decided[^1].FCnt); // never a counter the devices may have seen
    }

    [Fact]
    public void When_everything_decided_went_out_nothing_is_sent_again()
    {
        var h = CampaignHarness.Create(devices: 1);
        h.RunToSession();
        MulticastGroupCreation group = h.Actions.OfType<MulticastGroupCreation>().Single();
        h.RunUntil(group.SessionStart + (h.Campaign.Plan.Spacing * 3));
        (int, int)[] all = [.. h.Actions.OfType<MulticastDownlink>().Select(d => (d.Group, d.FragmentNumber))];

        Assert.Equal(0, h.Campaign.ResumeDelivery(all));
        Assert.Throws<ArgumentNullException>(() => h.Campaign.ResumeDelivery(null!));
    }
}
