using System.Globalization;
using LoRaFuota.Fragmentation;
using LoRaFuota.Fragmentation.Coding;
using LoRaFuota.Multicast;
using LoRaFuota.Regions;

namespace LoRaFuota.Planning;

/// <summary>
/// Turns an image, a region, a data rate and a multicast class into a <see cref="CampaignPlan"/>: fragmentation,
/// time on air, duty-cycle-safe spacing or ping slots, the TS005 timeout code, the success probability and every
/// multicast downlink. Pure: it reads no clock and does no I/O.
/// </summary>
public static partial class CampaignPlanner
{
    /// <summary>The guard between SessionTime and the first multicast downlink (devices switch class at SessionTime).</summary>
    public static readonly TimeSpan SessionGuard = TimeSpan.FromSeconds(1);

    private const int SetupSteps = 3;                     // McGroupSetupReq, FragSessionSetupReq, McClassC/BSessionReq
    private const double HourSeconds = 3600;
    private const int BeaconSeconds = 128;
    private const int MonteCarloTrials = 2000;
    private const long MonteCarloWork = 100_000;          // M·R above which the analytic model is used
    private const int MonteCarloSeed = 20_260_101;

    /// <summary>Plans a campaign for an image of <see cref="CampaignPlanOptions.ImageSize"/> bytes (the schedule carries no payload bytes).</summary>
    /// <param name="options">The campaign settings.</param>
    /// <returns>The plan; infeasible plans list their reasons.</returns>
    /// <exception cref="ArgumentException">A setting is malformed (the message lists every one).</exception>
    public static CampaignPlan Create(CampaignPlanOptions options) => Create(options, ReadOnlyMemory<byte>.Empty);

    /// <summary>Plans a campaign for <paramref name="image"/>; the schedule carries the DataFragment bytes.</summary>
    /// <param name="options">The campaign settings (ImageSize is taken from the image).</param>
    /// <param name="image">The image; empty to plan from <see cref="CampaignPlanOptions.ImageSize"/>.</param>
    /// <returns>The plan; infeasible plans list their reasons.</returns>
    /// <exception cref="ArgumentException">A setting is malformed (the message lists every one).</exception>
    public static CampaignPlan Create(CampaignPlanOptions options, ReadOnlyMemory<byte> image)
    {
        ArgumentNullException.ThrowIfNull(options);
        int imageSize = image.IsEmpty ? options.ImageSize : image.Length;
        Validate(options, imageSize);
        var errors = new List<PlanIssue>();
        var warnings = new List<PlanIssue>();
        RegionalParameters region = options.Region;
        if (region.FrequencyNote is string note && (options.Class == MulticastClass.ClassB || !note.StartsWith("Class B", StringComparison.Ordinal)))
        {
            warnings.Add(new(PlanIssueCode.RegionNote, note));
        }

        if (options.DwellTime && !region.HasDownlinkDwellTime)
        {
            warnings.Add(new(PlanIssueCode.DwellTimeIgnored, $"{region} has no downlink dwell-time limit; the dwell-time setting is ignored."));
        }

        bool dwell = options.DwellTime && region.HasDownlinkDwellTime;
        if (!region.TryGetDownlinkDataRate(options.DataRate, dwell, out DataRate? rate))
        {
            errors.Add(new(PlanIssueCode.DataRateNotDownlink, Invariant($"DR{options.DataRate} is not a downlink data rate in {region}{(dwell ? " with the 400 ms dwell time" : string.Empty)}.")));
            return new CampaignPlan { Errors = errors, Warnings = warnings, Region = region, ImageSize = imageSize, Class = options.Class };
        }

        int maxFragment = rate!.GetMaxFragmentSize(options.RepeaterCompatible);
        int fragSize = options.FragmentSize ?? maxFragment;
        if (fragSize > maxFragment)
        {
            errors.Add(new(PlanIssueCode.FragmentTooLarge, Invariant($"A {fragSize}-byte fragment does not fit {rate}: it carries at most {maxFragment} (N − 3{(options.RepeaterCompatible ? ", repeater-compatible" : string.Empty)}).")));
        }

        FragmentLayout layout = FragmentLayout.Compute(imageSize, fragSize);
        int nbFrag = layout.NbFrag;
        if (nbFrag >= ParityMatrix.MaxFragmentNumber)
        {
            errors.Add(new(PlanIssueCode.TooManyFragments, Invariant($"{imageSize} bytes in {fragSize}-byte fragments is M = {nbFrag}; TS004 numbers at most {ParityMatrix.MaxFragmentNumber} fragments (M + R). Use a faster data rate or a smaller (delta) image.")));
        }

        int redundancy = ChooseRedundancy(options, nbFrag, errors);
        if (nbFrag + redundancy > ParityMatrix.MaxFragmentNumber && nbFrag < ParityMatrix.MaxFragmentNumber)
        {
            errors.Add(new(PlanIssueCode.RedundancyTooLarge, Invariant($"M + R = {nbFrag + redundancy} exceeds the {ParityMatrix.MaxFragmentNumber} fragments TS004 can number; at most R = {ParityMatrix.MaxFragmentNumber - nbFrag}.")));
        }

        CheckDevice(options, nbFrag, fragSize, errors, warnings, out long deviceMemory);
        AddCodeWarnings(options, nbFrag, redundancy, warnings);

        uint frequency = options.FrequencyHz ?? (options.Class == MulticastClass.ClassC ? region.Rx2FrequencyHz : region.PingSlotFrequencyHz);
        if (!Encodable(frequency))
        {
            errors.Add(new(PlanIssueCode.FrequencyNotEncodable, Invariant($"{frequency} Hz cannot be sent in McClassC/BSessionReq: the field carries multiples of 100 Hz up to {DownlinkFrequency.MaxHz} Hz.")));
        }

        double dutyCycle = region.GetDutyCycle(frequency);
        TimeSpan timeOnAir = TimeOnAir.ForDownlink(rate, DataFragment.HeaderLength + fragSize);
        if (dwell && timeOnAir > TimeSpan.FromMilliseconds(400))
        {
            errors.Add(new(PlanIssueCode.DwellTimeExceeded, Invariant($"A fragment takes {timeOnAir.TotalMilliseconds:F0} ms on air at {rate}, more than the 400 ms dwell time allows; use smaller fragments or a faster data rate.")));
        }

        (double probability, string method) = Success(options, nbFrag, redundancy);
        var plan = new CampaignPlan
        {
            Errors = errors,
            Warnings = warnings,
            Region = region,
            DataRate = rate,
            FrequencyHz = frequency,
            Class = options.Class,
            ImageSize = imageSize,
            NbFrag = nbFrag,
            FragmentSize = fragSize,
            Padding = layout.Padding,
            Redundancy = redundancy,
            TimeOnAir = timeOnAir,
            DutyCycle = dutyCycle,
            ExpectedLoss = options.ExpectedLoss,
            SuccessProbability = probability,
            SuccessMethod = method,
            DeviceMemoryBytes = deviceMemory,
            SetupStart = options.Start,
        };
        if (probability < 0.9 && options.ExpectedLoss > 0)
        {
            warnings.Add(new(PlanIssueCode.LowSuccessProbability, Invariant($"Only {probability:P1} of devices losing {options.ExpectedLoss:P0} of fragments are expected to rebuild the image; raise the redundancy or plan a top-up round.")));
        }

        var transmissions = new List<Transmission>();
        plan = options.Class == MulticastClass.ClassC
            ? PlanClassC(options, plan, errors, warnings, transmissions)
            : PlanClassB(options, plan, errors, warnings, transmissions);
        return errors.Count == 0 ? WithSchedule(options, plan, image, transmissions) : plan;
    }

    private static void Validate(CampaignPlanOptions options, int imageSize)
    {
        var problems = new List<string>();
        if (imageSize < 1)
        {
            problems.Add("ImageSize must be at least 1 byte (or pass the image).");
        }

        if (options.Region is null)
        {
            problems.Add("Region is required.");
        }

        int redundancySettings = (options.Redundancy.HasValue ? 1 : 0) + (options.RedundancyPercent.HasValue ? 1 : 0) + (options.TargetSuccessProbability.HasValue ? 1 : 0);
        if (redundancySettings != 1)
        {
            problems.Add("Set exactly one of Redundancy, RedundancyPercent or TargetSuccessProbability.");
        }

        if (options.Redundancy is < 0 or > ParityMatrix.MaxFragmentNumber
            || options.RedundancyPercent is double percent && !(percent >= 0 && double.IsFinite(percent))
            || options.TargetSuccessProbability is double target && !(target > 0 && target < 1))
        {
            problems.Add(Invariant($"Redundancy must be 0 to {ParityMatrix.MaxFragmentNumber}; RedundancyPercent must be a finite number, not negative; TargetSuccessProbability must be above 0 and below 1."));
        }

        if (!(options.ExpectedLoss >= 0 && options.ExpectedLoss < 1))
        {
            problems.Add("ExpectedLoss must be at least 0 and below 1.");
        }

        if (options.FragmentSize is < 1 or > FragmentLayout.MaxFragSize)
        {
            problems.Add("FragmentSize must be 1 to 255 bytes.");
        }

        if (options.Periodicity is > 7)
        {
            problems.Add("Periodicity must be 0 to 7.");
        }

        if (options.Gateways < 1 || options.SetupRetries < 0 || options.UplinkInterval < TimeSpan.Zero || options.SchedulingMargin < TimeSpan.Zero || options.SetupLeadTime < TimeSpan.Zero
            || options.ServerSpacing < TimeSpan.Zero || options.ServerSpacing > TimeSpan.FromHours(1))
        {
            problems.Add("Gateways must be at least 1; SetupRetries, UplinkInterval, SchedulingMargin and SetupLeadTime must not be negative; ServerSpacing must be 0 to 1 hour.");
        }

        if (options.FragIndex > 3)
        {
            problems.Add("FragIndex must be 0 to 3.");
        }

        if (options.Start < GpsTime.Epoch)
        {
            problems.Add("Start is required: set it to when setup may begin (for example the current time); session times are GPS seconds, so it cannot be before 1980-01-06.");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid campaign plan options: " + string.Join(" ", problems), nameof(options));
        }
    }

    private static int ChooseRedundancy(CampaignPlanOptions options, int nbFrag, List<PlanIssue> errors)
    {
        if (options.Redundancy is int count)
        {
            return count;
        }

        if (options.RedundancyPercent is double percent)
        {
            return FragmentLayout.RedundancyFor(nbFrag, percent);
        }

        double target = options.TargetSuccessProbability!.Value;
        int maxRedundancy = Math.Max(0, ParityMatrix.MaxFragmentNumber - nbFrag);
        if (nbFrag >= ParityMatrix.MaxFragmentNumber)
        {
            return 0;
        }

        int? found = SuccessProbability.MinimumRedundancy(nbFrag, options.ExpectedLoss, target, maxRedundancy, options.DeviceMaxLostFragments);
        if (found is null)
        {
            errors.Add(new(PlanIssueCode.TargetUnreachable, Invariant($"No redundancy up to R = {maxRedundancy} gives a {target:P1} success probability at {options.ExpectedLoss:P0} loss{(options.DeviceMaxLostFragments is int limit ? Invariant($" with devices that repair at most {limit} lost fragments") : string.Empty)}.")));
            return maxRedundancy;
        }

        return found.Value;
    }

    private static void CheckDevice(CampaignPlanOptions options, int nbFrag, int fragSize, List<PlanIssue> errors, List<PlanIssue> warnings, out long memory)
    {
        double expectedLost = nbFrag * options.ExpectedLoss;
        int lostBudget = options.DeviceMaxLostFragments ?? (int)Math.Ceiling(expectedLost + (3 * Math.Sqrt(Math.Max(expectedLost, 1))));
        long matrix = (((long)lostBudget * (lostBudget + 1)) + 15) / 16 + (2L * lostBudget); // TS004 appendix: l(l+1)/2 bits + 2l bytes
        memory = ((long)nbFrag * fragSize) + matrix;
        if (options.DeviceMaxNbFrag is int maxNb && nbFrag > maxNb)
        {
            errors.Add(new(PlanIssueCode.DeviceMaxNbFragExceeded, Invariant($"M = {nbFrag} fragments exceeds the devices' limit of {maxNb} (FRAG_MAX_NB): they would answer \"not enough memory\".")));
        }

        if (options.DeviceMaxFragmentSize is int maxSize && fragSize > maxSize)
        {
            errors.Add(new(PlanIssueCode.DeviceMaxFragSizeExceeded, Invariant($"{fragSize}-byte fragments exceed the devices' limit of {maxSize} (FRAG_MAX_SIZE); use fragments of at most {maxSize} bytes.")));
        }

        if (options.DeviceMemoryBytes is long budget && memory > budget)
        {
            errors.Add(new(PlanIssueCode.DeviceMemoryExceeded, Invariant($"The devices need {memory} bytes (block {(long)nbFrag * fragSize} + decoder matrix {matrix}) but have {budget}.")));
        }

        if (options.DeviceMaxLostFragments is int maxLost && expectedLost > maxLost)
        {
            warnings.Add(new(PlanIssueCode.LossExceedsDeviceRepair, Invariant($"At {options.ExpectedLoss:P0} loss devices lose about {expectedLost:F0} of {nbFrag} uncoded fragments, more than the {maxLost} they can repair.")));
        }
    }

    private static void AddCodeWarnings(CampaignPlanOptions options, int nbFrag, int redundancy, List<PlanIssue> warnings)
    {
        if (nbFrag == 1 && redundancy > 0)
        {
            warnings.Add(new(PlanIssueCode.SingleFragment, "With M = 1 every coded fragment is all zeros (⌊M/2⌋ = 0 columns); repeat the single fragment instead."));
        }
        else if (nbFrag < 20)
        {
            warnings.Add(new(PlanIssueCode.FewFragments, Invariant($"M = {nbFrag}: the TS004 code is weak below about 20 fragments (small M leaves columns uncovered); budget redundancy generously.")));
        }

        if (options.Variant == ParityVariant.V2Specification)
        {
            warnings.Add(new(PlanIssueCode.SpecificationParityVariant, "The v2-spec parity variant is not used by any known device; LoRa Basics Modem and ChirpStack use v2."));
        }
    }

    private static (double Probability, string Method) Success(CampaignPlanOptions options, int nbFrag, int redundancy)
    {
        if (options.ExpectedLoss == 0)
        {
            return (1, "no loss");
        }

        if (nbFrag >= ParityMatrix.MaxFragmentNumber || nbFrag + redundancy > ParityMatrix.MaxFragmentNumber)
        {
            // Infeasible anyway: estimate with the R that TS004 can number, so the cost stays bounded.
            int usable = Math.Clamp(ParityMatrix.MaxFragmentNumber - nbFrag, 0, redundancy);
            return (SuccessProbability.Analytic(nbFrag, usable, options.ExpectedLoss, options.DeviceMaxLostFragments), "analytic, R capped at what TS004 can number");
        }

        if ((long)nbFrag * Math.Max(redundancy, 1) <= MonteCarloWork)
        {
            double estimate = SuccessProbability.MonteCarlo(nbFrag, redundancy, options.ExpectedLoss, options.Variant, MonteCarloTrials, MonteCarloSeed, options.DeviceMaxLostFragments);
            return (estimate, Invariant($"monte-carlo ({MonteCarloTrials} devices, real decoder)"));
        }

        return (SuccessProbability.Analytic(nbFrag, redundancy, options.ExpectedLoss, options.DeviceMaxLostFragments), "analytic");
    }

    private static bool Encodable(uint frequencyHz) => frequencyHz % DownlinkFrequency.StepHz == 0 && frequencyHz <= DownlinkFrequency.MaxHz;

    private static TimeSpan SetupLeadTime(CampaignPlanOptions options) =>
        options.SetupLeadTime ?? options.UplinkInterval * (SetupSteps * (options.SetupRetries + 1));

    /// <summary>One transmission: frame (0-based: DataFragments, then the status request), when, by which gateway.</summary>
    private readonly record struct Transmission(int Frame, DateTimeOffset Time, int Gateway);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
