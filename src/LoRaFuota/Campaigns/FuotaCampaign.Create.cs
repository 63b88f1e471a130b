using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using LoRaFuota.Campaigns.State;
using LoRaFuota.Fragmentation;
using LoRaFuota.Planning;
using LoRaFuota.Regions;

namespace LoRaFuota.Campaigns;

/// <content>Creation: the options are checked, planned and resolved into fixed settings.</content>
public sealed partial class FuotaCampaign
{
    private const int ClosedLoopMaxPolls = 8;
    private const int FrameCounterMargin = 16;
    private static readonly TimeSpan s_pollAnswerMargin = TimeSpan.FromSeconds(10);

    // Plans made before the session time is known are laid out from this date (it only shifts class B ping slots).
    private static readonly DateTimeOffset s_referenceStart = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Creates a campaign: checks the options, plans it, and fixes its McAddr, McKeys and frame counters.</summary>
    /// <param name="options">The campaign; read once, later changes have no effect.</param>
    /// <param name="keys">The device keys (only their McKEKey and data-block MIC are used).</param>
    /// <returns>The campaign, not started: the first <see cref="Advance"/> starts it.</returns>
    /// <exception cref="InfeasiblePlanException">The plan cannot run (its errors say why).</exception>
    /// <exception cref="ArgumentException">An option is invalid, or a device has no keys (the message lists every problem).</exception>
    public static FuotaCampaign Create(FuotaCampaignOptions options, IDeviceKeyProvider keys)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(keys);
        options.Validate();
        FirmwareImage image = options.Image!;
        uint mcAddr = options.McAddr ?? RandomUInt32();
        CampaignPlan plan = CampaignPlanner.Create(ToPlanOptions(options, image.Length, mcAddr));
        if (!plan.Feasible)
        {
            throw new InfeasiblePlanException(plan);
        }

        if (options.Delivery == CampaignDelivery.Multicast)
        {
            string[] missing = [.. options.Devices.Where(d => !keys.TryEncryptMcKey(d.DevEui, default, out _)).Select(d => d.DevEui.ToString())];
            if (missing.Length > 0)
            {
                throw new ArgumentException($"The key provider has no keys for {missing.Length} device(s): {string.Join(", ", missing.Take(10))}{(missing.Length > 10 ? ", …" : string.Empty)}.", nameof(keys));
            }
        }

        CampaignSettings settings = Resolve(options, image, plan, mcAddr);
        var state = new CampaignState { Settings = settings };
        for (int i = 0; i < options.Devices.Count; i++)
        {
            CampaignDevice device = options.Devices[i];
            state.Devices.Add(new DeviceState
            {
                DevEui = device.DevEui,
                Index = i,
                UplinkInterval = device.UplinkInterval,
                ClockSyncPort = device.ClockSyncPort,
                FragmentationPort = device.FragmentationPort,
                MulticastSetupPort = device.MulticastSetupPort,
                DeclaredFirmware = device.FirmwareVersion,
                ClockSyncVersion = device.ClockSyncVersion,
                FragmentationVersion = device.FragmentationVersion,
                MulticastSetupVersion = device.MulticastSetupVersion,
                SessionCnt = device.NextSessionCnt,
            });
        }

        return new FuotaCampaign(state, image, keys, options.VersionProtocol, plan);
    }

    private static CampaignPlanOptions ToPlanOptions(FuotaCampaignOptions options, int imageSize, uint mcAddr) => new()
    {
        ImageSize = imageSize,
        Region = options.Region,
        DataRate = options.DataRate,
        FrequencyHz = options.FrequencyHz,
        Class = options.Class,
        Periodicity = options.Periodicity,
        Redundancy = options.Redundancy,
        RedundancyPercent = options.RedundancyPercent,
        TargetSuccessProbability = options.TargetSuccessProbability,
        ExpectedLoss = options.ExpectedLoss,
        ServerSpacing = options.ServerSpacing,
        FragmentSize = options.FragmentSize,
        DeviceMaxNbFrag = options.DeviceMaxNbFrag,
        DeviceMaxFragmentSize = options.DeviceMaxFragmentSize,
        Start = options.SessionStart ?? s_referenceStart,
        SetupLeadTime = TimeSpan.Zero,
        Variant = options.V2Parity,
        FragIndex = options.FragIndex,
        McAddr = mcAddr,
        FirstMulticastFrameCounter = options.MinMcFCnt,
        StatusRequest = true,
    };

    private static CampaignSettings Resolve(FuotaCampaignOptions options, FirmwareImage image, CampaignPlan plan, uint mcAddr)
    {
        options.VersionProtocol.TryNormalize(image.Version, out string target);
        int burst = options.ClosedLoopBurst ?? DefaultBurst(plan.NbFrag, options.ExpectedLoss);
        TimeSpan pollWait = AppLayerTiming.GetBlockAckDelayMax(options.BlockAckDelay) + s_pollAnswerMargin;
        TimeSpan pollAirtime = TimeOnAir.ForDownlink(plan.DataRate!, FragSessionStatusReq.EncodedLength);

        // The window holds the plan's M + R fragments and one poll. A closed loop gets the same window (a TimeOut code is a
        // power of two: a reserve for its polls could double how long the devices listen); its polls and their waits take
        // the slots of the coded fragments it does not need, and if the window runs out, unicast repair takes over.
        int maxPolls = options.ClosedLoop ? ClosedLoopMaxPolls : 1;
        TimeSpan duration = plan.SessionDuration;
        byte needed = plan.SessionTimeoutCode;
        byte code = options.MulticastTimeoutCode ?? needed;
        if (code < needed)
        {
            string error = string.Create(CultureInfo.InvariantCulture, $"The multicast timeout (TimeOut code {code}) is shorter than the {duration.TotalSeconds:F0} s the session needs (code {needed}).");
            throw new InfeasiblePlanException(plan with { Errors = [new PlanIssue(PlanIssueCode.MulticastTimeoutTooShort, error)] });
        }

        Key128 first = options.McKey ?? RandomKey();
        return new CampaignSettings
        {
            Name = options.Name,
            ImageTitle = image.Title,
            ImageVersion = image.Version,
            TargetVersion = target,
            ImageType = image.Type,
            ImageSha256 = image.Sha256,
            ImageLength = image.Length,
            Descriptor = image.Descriptor,
            Delivery = options.Delivery,
            Region = plan.Region.Name,
            DataRate = plan.DataRate!.Index,
            FrequencyHz = plan.FrequencyHz,
            Class = plan.Class,
            Periodicity = plan.Periodicity,
            PingSlotStep = plan.PingSlotStep,
            NbFrag = plan.NbFrag,
            FragSize = plan.FragmentSize,
            Padding = plan.Padding,
            Redundancy = plan.Redundancy,
            FragmentAirtime = plan.TimeOnAir,
            PollAirtime = pollAirtime,
            Spacing = plan.Spacing,
            ExpectedLoss = options.ExpectedLoss,
            ServerSpacing = options.ServerSpacing,
            TimeoutCode = code,
            SessionDuration = duration,
            PollWait = pollWait,
            SessionStart = options.SessionStart,
            SessionLeadTime = options.SessionLeadTime,
            SetupTimeout = options.SetupTimeout,
            DevicesPerMinute = options.DevicesPerMinute,
            BaseMcAddr = mcAddr,
            McKeys = [first, RandomKey()],
            McGroupId = options.McGroupId,
            FragIndex = options.FragIndex,
            MinMcFCnt = options.MinMcFCnt,
            MaxMcFCnt = options.MaxMcFCnt ?? (uint)Math.Min(uint.MaxValue, (long)options.MinMcFCnt + plan.NbFrag + plan.Redundancy + maxPolls + FrameCounterMargin),
            BlockAckDelay = options.BlockAckDelay,
            AckReception = options.AckReception,
            ClosedLoop = options.ClosedLoop,
            ClosedLoopBurst = Math.Max(1, Math.Min(burst, Math.Max(plan.Redundancy, 1))),
            MaxPolls = maxPolls,
            UnicastFallback = options.UnicastFallback,
            MaxFallbackFragments = options.MaxFallbackFragments,
            UnicastTimeout = options.UnicastTimeout,
            UnicastRetries = options.UnicastRetries,
            UnicastPullInterval = options.UnicastPullInterval,
            ClockSyncPolicy = options.ClockSyncPolicy,
            ClockSyncThreshold = options.ClockSyncThreshold,
            ClockTolerance = options.ClockTolerance,
            ResyncTransmissions = options.ResyncTransmissions,
            ResyncClassB = options.ResyncClassB,
            InstallTimeout = options.InstallTimeout,
            DownlinkLeadTime = options.DownlinkLeadTime,
            VersionPort = options.VersionProtocol.FPort,
            V2Parity = options.V2Parity,
        };
    }

    // The first closed-loop burst covers the expected losses of the uncoded fragments plus three standard deviations.
    private static int DefaultBurst(int nbFrag, double loss)
    {
        double expected = nbFrag * loss;
        return (int)Math.Ceiling(expected + (3 * Math.Sqrt(expected * (1 - loss)))) + 2;
    }

    private static uint RandomUInt32()
    {
        Span<byte> bytes = stackalloc byte[sizeof(uint)];
        RandomNumberGenerator.Fill(bytes);
        return BinaryPrimitives.ReadUInt32LittleEndian(bytes);
    }

    private static Key128 RandomKey()
    {
        Key128 key = default;
        RandomNumberGenerator.Fill(key);
        return key;
    }
}
