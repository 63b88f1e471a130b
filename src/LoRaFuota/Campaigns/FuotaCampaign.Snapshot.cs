using System.Text.Json;
using LoRaFuota.Campaigns.State;
using LoRaFuota.Planning;
using LoRaFuota.Regions;

namespace LoRaFuota.Campaigns;

/// <content>Snapshots: the whole campaign as versioned JSON, and back.</content>
public sealed partial class FuotaCampaign
{
    /// <summary>
    /// Saves the whole campaign state as JSON (format <c>"Format": 1</c>): settings, groups, every device with its
    /// history and outstanding requests. The image is not included, only its SHA-256.
    /// </summary>
    /// <returns>The snapshot. It holds the groups' McKeys: store it as a secret.</returns>
    public string SaveSnapshot() => JsonSerializer.Serialize(_state, CampaignJsonContext.Default.CampaignState);

    /// <summary>Restores a campaign from <see cref="SaveSnapshot"/>; given the same inputs it makes the same decisions the saved one would have.</summary>
    /// <param name="snapshot">The snapshot JSON.</param>
    /// <param name="image">The campaign's image (its SHA-256 must match the snapshot's).</param>
    /// <param name="keys">The device keys.</param>
    /// <param name="versionProtocol">How devices report their version, or null for <see cref="DevVersionProtocol"/> on the snapshot's FPort.</param>
    /// <returns>The campaign.</returns>
    /// <exception cref="ArgumentException">The snapshot is malformed, of another format, or for another image.</exception>
    public static FuotaCampaign Restore(string snapshot, FirmwareImage image, IDeviceKeyProvider keys, IFirmwareVersionProtocol? versionProtocol = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(keys);
        CampaignState? state;
        try
        {
            state = JsonSerializer.Deserialize(snapshot, CampaignJsonContext.Default.CampaignState);
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"The snapshot is not valid campaign JSON: {ex.Message}", nameof(snapshot), ex);
        }

        if (state is null || state.Format != CampaignState.CurrentFormat)
        {
            throw new ArgumentException($"The snapshot is format {state?.Format.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null"}; this version reads format {CampaignState.CurrentFormat}.", nameof(snapshot));
        }

        List<string> problems = CampaignStateValidator.Check(state);
        if (problems.Count > 0)
        {
            throw new ArgumentException("The snapshot's state is inconsistent: " + string.Join("; ", problems) + ".", nameof(snapshot));
        }

        CampaignSettings s = state.Settings;
        if (!string.Equals(image.Sha256, s.ImageSha256, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The image's SHA-256 ({image.Sha256}) is not the campaign's ({s.ImageSha256}).", nameof(image));
        }

        if (!RegionalParameters.TryParse(s.Region, out RegionalParameters? region) || state.Devices.Count == 0
            || state.Devices.Select((d, i) => d.Index == i).Any(ok => !ok) || state.Cohorts.Count > s.McKeys.Count)
        {
            throw new ArgumentException("The snapshot's settings or devices are inconsistent.", nameof(snapshot));
        }

        versionProtocol ??= s.VersionPort == DevVersionProtocol.DefaultFPort ? DevVersionProtocol.Default : new DevVersionProtocol(s.VersionPort);
        CampaignPlan plan = CampaignPlanner.Create(new CampaignPlanOptions
        {
            ImageSize = s.ImageLength,
            Region = region!,
            DataRate = s.DataRate,
            FrequencyHz = s.FrequencyHz,
            Class = s.Class,
            Periodicity = s.Periodicity,
            Redundancy = s.Redundancy,
            ExpectedLoss = s.ExpectedLoss,
            ServerSpacing = s.ServerSpacing,
            FragmentSize = s.FragSize,
            Start = s.SessionStart ?? s_referenceStart,
            SetupLeadTime = TimeSpan.Zero,
            Variant = s.V2Parity,
            FragIndex = s.FragIndex,
            McAddr = s.BaseMcAddr,
            FirstMulticastFrameCounter = s.MinMcFCnt,
        });
        CampaignStateValidator.CheckAgainstPlan(s, plan, problems);
        if (problems.Count > 0)
        {
            throw new ArgumentException("The snapshot's state is inconsistent: " + string.Join("; ", problems) + ".", nameof(snapshot));
        }

        return new FuotaCampaign(state, image, keys, versionProtocol, plan);
    }
}
