using System.Text.Json;
using LoRaFuota.Campaigns;

namespace LoRaFuota.Tests.Campaigns;

public sealed class FuotaCampaignSnapshotTests
{
    [Fact]
    public void SaveSnapshot_RestoreThenSave_GivesTheSameJson()
    {
        var h = CampaignHarness.Create(devices: 3);
        h.RunToSession();
        h.RunUntil(h.Now + TimeSpan.FromHours(1));
        string snapshot = h.Campaign.SaveSnapshot();

        FuotaCampaign restored = FuotaCampaign.Restore(snapshot, h.Options.Image!, h.Keys);

        Assert.Equal(snapshot, restored.SaveSnapshot());
        Assert.Equal(h.Campaign.GetDevices().Select(d => (d.DevEui, d.State)), restored.GetDevices().Select(d => (d.DevEui, d.State)));
        Assert.Equal(h.Campaign.Plan.NbFrag, restored.Plan.NbFrag);
        Assert.Equal(h.Campaign.Plan.Redundancy, restored.Plan.Redundancy);
    }

    [Fact]
    public void Restore_ThenTheSameInputs_GiveTheSameDecisions()
    {
        var original = CampaignHarness.Create(devices: 2);
        original.RunToSession();
        string snapshot = original.Campaign.SaveSnapshot();
        var copy = CampaignHarness.Create(devices: 2);
        copy.Time.SetUtcNow(original.Now);
        copy.Campaign = FuotaCampaign.Restore(snapshot, original.Options.Image!, original.Keys);
        copy.Record(original.Last!);

        original.RunUntil(original.Now + TimeSpan.FromHours(3));
        copy.RunUntil(copy.Now + TimeSpan.FromHours(3));

        Assert.Equal(
            original.Actions.OfType<MulticastDownlink>().Select(d => (d.FCnt, d.NotBefore, Convert.ToHexString(d.Payload.Span))),
            copy.Actions.OfType<MulticastDownlink>().Select(d => (d.FCnt, d.NotBefore, Convert.ToHexString(d.Payload.Span))));
        Assert.Equal(original.Campaign.SaveSnapshot(), copy.Campaign.SaveSnapshot());
    }

    [Fact]
    public void Snapshot_IsVersionedJsonWithoutTheImage()
    {
        var h = CampaignHarness.Create(devices: 1, imageSize: 20_000);
        h.Begin();

        string snapshot = h.Campaign.SaveSnapshot();

        using JsonDocument document = JsonDocument.Parse(snapshot);
        Assert.Equal(1, document.RootElement.GetProperty("Format").GetInt32());
        Assert.Equal(h.Options.Image!.Sha256, document.RootElement.GetProperty("Settings").GetProperty("ImageSha256").GetString());
        Assert.True(snapshot.Length < 20_000, "the image bytes are not in the snapshot");
        Assert.Equal("Initiated", document.RootElement.GetProperty("Devices")[0].GetProperty("State").GetString());
    }

    [Fact]
    public void Restore_AnotherImage_Throws()
    {
        var h = CampaignHarness.Create(devices: 1);
        h.Begin();
        var other = new FirmwareImage(new byte[100], "other", "9.9.9");

        var ex = Assert.Throws<ArgumentException>(() => FuotaCampaign.Restore(h.Campaign.SaveSnapshot(), other, h.Keys));

        Assert.Contains("SHA-256", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"Format\": 99}")]
    [InlineData("{\"Format\": 1, \"Devices\": []}")]
    [InlineData("[1, 2]")]
    public void Restore_MalformedSnapshot_ThrowsArgumentException(string snapshot)
    {
        var h = CampaignHarness.Create(devices: 1);

        Assert.ThrowsAny<ArgumentException>(() => FuotaCampaign.Restore(snapshot, h.Options.Image!, h.Keys));
    }

    // Found by the snapshot fuzz target: each of these restored and then failed inside the campaign
    // (InvalidOperationException, ArgumentOutOfRangeException); now the restore refuses them and names the field.
    [Theory]
    [InlineData("\"McGroupId\":0", "\"McGroupId\":255", "McGroupId")]
    [InlineData("\"Cohort\":0", "\"Cohort\":7", "Cohort must be -1 or a cohort")]
    [InlineData("\"NbFrag\":", "\"NbFrag\":9", "NbFrag")]
    [InlineData("\"VersionPort\":203", "\"VersionPort\":0", "VersionPort")]
    [InlineData("\"Spacing\":\"", "\"Spacing\":\"-", "Spacing")]
    public void Restore_EditedSnapshot_IsRefusedNamingTheField(string find, string replace, string named)
    {
        var h = CampaignHarness.Create(devices: 2);
        h.Begin();
        foreach (DevEui eui in h.Devices)
        {
            h.AnswerVersions(eui);
            h.AcceptSetup(eui);
        }

        h.AdvanceToWakeUp(TimeSpan.FromHours(1));
        string snapshot = h.Campaign.SaveSnapshot();
        Assert.Contains(find, snapshot, StringComparison.Ordinal);
        int at = snapshot.IndexOf(find, StringComparison.Ordinal);
        string edited = snapshot[..at] + replace + snapshot[(at + find.Length)..];
        if (find.EndsWith(':'))
        {
            int end = edited.IndexOfAny([',', '}'], at + replace.Length);
            edited = edited[..(at + replace.Length)] + edited[end..]; // NbFrag 9 instead of its value
        }

        ArgumentException ex = Assert.ThrowsAny<ArgumentException>(() => FuotaCampaign.Restore(edited, h.Options.Image!, h.Keys));

        Assert.Contains(named, ex.Message, StringComparison.Ordinal);
    }
}
