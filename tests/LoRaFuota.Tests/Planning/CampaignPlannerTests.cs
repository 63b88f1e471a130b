using LoRaFuota.Fragmentation;
using LoRaFuota.Fragmentation.Coding;
using LoRaFuota.Planning;
using LoRaFuota.Regions;

namespace LoRaFuota.Tests.Planning;

public class CampaignPlannerTests
{
    private static readonly DateTimeOffset s_start = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    private static CampaignPlanOptions Options(int size, int dr, Region region = Region.EU868) => new()
    {
        ImageSize = size, DataRate = dr, Region = RegionalParameters.Get(region), RedundancyPercent = 10, Start = s_start,
    };

    [Fact]
    public void EU868_DR5_ClassC_100KiB_MatchesTheReferenceNumbers()
    {
        CampaignPlan plan = CampaignPlanner.Create(Options(100 * 1024, 5));

        Assert.True(plan.Feasible);
        Assert.Equal((239, 429, 43), (plan.FragmentSize, plan.NbFrag, plan.Redundancy));
        Assert.InRange(plan.TimeOnAir.TotalMilliseconds, 394, 396);
        Assert.Equal(3.1, plan.TotalAirtime.TotalMinutes - (plan.TimeOnAir.TotalMinutes), 1); // 472 fragments (+ 1 status request)
        Assert.Equal(0.5, plan.SessionDuration.TotalHours, 1);
        Assert.True(AppLayerTiming.GetClassCSessionTimeout(plan.SessionTimeoutCode) >= plan.SessionDuration);
        Assert.True(AppLayerTiming.GetClassCSessionTimeout((byte)(plan.SessionTimeoutCode - 1)) < plan.SessionDuration);
    }

    [Fact]
    public void EU868_DR0_ClassC_100KiB_IsInfeasibleBecauseOfTheTimeout()
    {
        CampaignPlan plan = CampaignPlanner.Create(Options(100 * 1024, 0));

        Assert.False(plan.Feasible);
        PlanIssue error = Assert.Single(plan.Errors);
        Assert.Equal(PlanIssueCode.SessionTooLong, error.Code);
        Assert.Contains("2^15 s", error.Message, StringComparison.Ordinal);
        Assert.Equal(18.2, plan.SessionDuration.TotalHours, 0);
        Assert.Empty(plan.Schedule);
    }

    [Fact]
    public void EU868_DR3_ClassB_PicksPeriodicity3And63BeaconPeriods()
    {
        CampaignPlanOptions options = Options(100 * 1024, 3);
        options.Class = MulticastClass.ClassB;
        options.StatusRequest = false;
        CampaignPlan plan = CampaignPlanner.Create(options);

        Assert.True(plan.Feasible);
        Assert.Equal((915, 92), (plan.NbFrag, plan.Redundancy));
        Assert.Equal(3, plan.Periodicity);
        Assert.Equal(16, plan.FragmentsPerBeaconPeriod);
        Assert.Equal(6, plan.SessionTimeoutCode); // 1 007 fragments / 16 = 63 beacon periods -> 2^6
        Assert.Equal(0, GpsTime.FromDateTimeOffset(plan.SessionStart) % 128);
        Assert.NotNull(plan.ClassBSession);
    }

    [Fact]
    public void ClassC_Spacing_KeepsEveryRollingHourWithinTheDutyCycle()
    {
        CampaignPlan plan = CampaignPlanner.Create(Options(100 * 1024, 4));
        DateTimeOffset[] times = [.. plan.Schedule.Select(d => d.NotBefore)];
        double budget = plan.DutyCycle * 3600;
        for (int i = 0; i < times.Length; i++)
        {
            // Air time of every transmission overlapping [t_i, t_i + 1 h).
            double air = times.Skip(i).TakeWhile(t => t < times[i].AddHours(1)).Count() * plan.TimeOnAir.TotalSeconds;
            Assert.True(air <= budget + 1e-9, $"hour from frame {i}: {air:F1} s of {budget} s");
        }

        // No wider than needed: within 1 % of ToA / duty cycle, the bare rolling-hour limit.
        Assert.InRange(plan.Spacing.TotalSeconds, plan.TimeOnAir.TotalSeconds / plan.DutyCycle, plan.TimeOnAir.TotalSeconds / plan.DutyCycle * 1.01);
    }

    [Fact]
    public void US915_HasNoDutyCycle_SoFragmentsFollowTimeOnAirPlusMargin()
    {
        CampaignPlan plan = CampaignPlanner.Create(Options(100 * 1024, 8, Region.US915));
        Assert.True(plan.Feasible);
        Assert.Equal(50, plan.FragmentSize);
        Assert.InRange(plan.TimeOnAir.TotalMilliseconds, 615.5, 616.5);
        Assert.InRange(plan.Spacing.TotalMilliseconds - plan.TimeOnAir.TotalMilliseconds, 50, 51); // rounded up to whole ms
    }

    [Fact]
    public void Schedule_WithTheImage_CarriesDecodableFragmentsAndFrameCounters()
    {
        byte[] image = new byte[5000];
        new Random(4).NextBytes(image);
        CampaignPlanOptions options = Options(0, 5);
        options.FirstMulticastFrameCounter = 100;
        options.FragIndex = 2;
        CampaignPlan plan = CampaignPlanner.Create(options, image);

        var decoder = new FragmentDecoder(FragmentDecoderOptions.FromSetup(plan.FragSessionSetup!.Value));
        foreach (ScheduledDownlink downlink in plan.Schedule.Where(d => d.Kind == DownlinkKind.DataFragment && d.FragmentNumber != 3))
        {
            Assert.Equal(201, downlink.FPort);
            Assert.Equal(100u + (uint)downlink.FragmentNumber - 1, downlink.MulticastFrameCounter);
            Assert.True(DataFragment.TryRead(downlink.Payload.Span, out DataFragment fragment, out _));
            Assert.Equal(2, fragment.FragIndex);
            decoder.Process(downlink.Payload.Span);
        }

        Assert.True(decoder.IsCompleted);
        byte[] rebuilt = new byte[decoder.BlockLength];
        decoder.CopyBlockTo(rebuilt);
        Assert.Equal(image, rebuilt);
        ScheduledDownlink last = plan.Schedule[^1];
        Assert.Equal(DownlinkKind.FragSessionStatusReq, last.Kind);
        Assert.Equal(new byte[] { 0x01, 0x04 }, last.Payload.ToArray());
        Assert.True(plan.Schedule.Zip(plan.Schedule.Skip(1)).All(p => p.First.NotBefore <= p.Second.NotBefore));
    }

    [Fact]
    public void Infeasible_ListsEveryReason()
    {
        CampaignPlanOptions options = Options(2_000_000, 0);
        options.FragmentSize = 100;
        options.DeviceMaxNbFrag = 100;
        options.DeviceMemoryBytes = 50_000;
        CampaignPlan plan = CampaignPlanner.Create(options);

        Assert.False(plan.Feasible);
        Assert.Contains(plan.Errors, e => e.Message.Contains("does not fit", StringComparison.Ordinal));
        Assert.Contains(plan.Errors, e => e.Message.Contains("16383", StringComparison.Ordinal));
        Assert.Contains(plan.Errors, e => e.Message.Contains("FRAG_MAX_NB", StringComparison.Ordinal));
        Assert.Contains(plan.Errors, e => e.Message.Contains("but have 50000", StringComparison.Ordinal));
        PlanIssueCode[] codes = [.. plan.Errors.Select(e => e.Code)];
        Assert.Contains(PlanIssueCode.FragmentTooLarge, codes);
        Assert.Contains(PlanIssueCode.TooManyFragments, codes);
        Assert.Contains(PlanIssueCode.DeviceMaxNbFragExceeded, codes);
        Assert.Contains(PlanIssueCode.DeviceMemoryExceeded, codes);
        Assert.Equal(codes.Length, codes.Distinct().Count());
    }

    [Fact]
    public void TargetProbability_PicksTheSmallestRedundancy()
    {
        CampaignPlanOptions options = Options(100 * 1024, 5);
        options.RedundancyPercent = null;
        options.TargetSuccessProbability = 0.99;
        options.ExpectedLoss = 0.1;
        CampaignPlan plan = CampaignPlanner.Create(options);

        Assert.True(plan.SuccessProbability >= 0.98);
        Assert.InRange(plan.Redundancy, 60, 80);
    }

    [Fact]
    public void SequentialGateways_MultiplyTheSession_SimultaneousDoNot()
    {
        CampaignPlanOptions one = Options(20_000, 5, Region.US915);
        one.DataRate = 13;
        CampaignPlanOptions three = Options(20_000, 13, Region.US915);
        three.Gateways = 3;
        CampaignPlanOptions synced = Options(20_000, 13, Region.US915);
        synced.Gateways = 3;
        synced.GatewayMode = GatewayMode.Simultaneous;

        TimeSpan single = CampaignPlanner.Create(one).SessionDuration;
        Assert.InRange(CampaignPlanner.Create(three).SessionDuration / single, 2.5, 3.1);
        Assert.InRange(CampaignPlanner.Create(synced).SessionDuration / single, 0.99, 1.01);
    }

    [Fact]
    public void DwellTime_RejectsFragmentsLongerThan400Ms()
    {
        CampaignPlanOptions options = Options(10_000, 2, Region.AS923Group1);
        options.DwellTime = true;
        CampaignPlan plan = CampaignPlanner.Create(options);
        Assert.Equal(8, plan.FragmentSize); // N = 11 at DR2 with dwell time
        Assert.True(plan.TimeOnAir.TotalMilliseconds <= 400);

        options.FragmentSize = 100;
        options.DataRate = 3;
        CampaignPlan tooLong = CampaignPlanner.Create(options);
        Assert.Contains(tooLong.Errors, e => e.Message.Contains("does not fit", StringComparison.Ordinal));
        Assert.Contains(tooLong.Errors, e => e.Message.Contains("400 ms dwell time", StringComparison.Ordinal));
        Assert.Contains(tooLong.Errors, e => e.Code == PlanIssueCode.DwellTimeExceeded);
    }

    [Fact]
    public void DeviceFragmentSizeLimit_SaysWhatToUseWithoutNamingAnOption()
    {
        CampaignPlanOptions options = Options(10_000, 5);
        options.DeviceMaxFragmentSize = 100;
        CampaignPlan plan = CampaignPlanner.Create(options);

        PlanIssue error = Assert.Single(plan.Errors);
        Assert.Equal(PlanIssueCode.DeviceMaxFragSizeExceeded, error.Code);
        Assert.Contains("use fragments of at most 100 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingStart_IsAnArgumentExceptionThatSaysWhatToSet()
    {
        CampaignPlanOptions options = Options(10_000, 5);
        options.Start = default;

        ArgumentException ex = Assert.Throws<ArgumentException>(() => CampaignPlanner.Create(options));

        Assert.Contains("Start is required", ex.Message, StringComparison.Ordinal);
    }

    // Found by the planner fuzz target: a percentage of billions made R overflow and the success estimate ran for 13 s.
    [Fact]
    public void HugeRedundancyPercent_IsTooManyFragmentsAndCheapToReport()
    {
        CampaignPlanOptions options = Options(1_000_000, 0);
        options.RedundancyPercent = 3.3e12;
        options.ExpectedLoss = 0.05;

        CampaignPlan plan = CampaignPlanner.Create(options);

        Assert.Contains(plan.Errors, e => e.Code == PlanIssueCode.RedundancyTooLarge || e.Code == PlanIssueCode.TooManyFragments);
        Assert.Contains("capped", plan.SuccessMethod, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(double.NaN, null, null)]
    [InlineData(double.PositiveInfinity, null, null)]
    [InlineData(null, null, double.NaN)]
    [InlineData(null, 16_384, null)]
    public void NonsenseRedundancy_IsAnArgumentException(double? percent, int? count, double? target)
    {
        CampaignPlanOptions options = Options(10_000, 5);
        options.RedundancyPercent = percent;
        options.Redundancy = count;
        options.TargetSuccessProbability = target;

        ArgumentException ex = Assert.Throws<ArgumentException>(() => CampaignPlanner.Create(options));

        Assert.Contains("Redundancy must be 0 to 16383; RedundancyPercent must be a finite number", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ServerSpacing_ClassC_TheSpacingFollowsTheServersPacing()
    {
        CampaignPlanOptions options = Options(100 * 1024, 5);
        CampaignPlan own = CampaignPlanner.Create(options);
        options.ServerSpacing = TimeSpan.FromSeconds(5);
        CampaignPlan paced = CampaignPlanner.Create(options);
        options.Gateways = 2;
        CampaignPlan twoGateways = CampaignPlanner.Create(options);

        Assert.InRange(own.Spacing.TotalSeconds, 3.9, 4.0); // the duty cycle alone
        Assert.Equal(5, paced.Spacing.TotalSeconds);
        Assert.True(paced.SessionDuration > own.SessionDuration);
        Assert.Equal(10, twoGateways.Spacing.TotalSeconds); // 5 s per gateway in sequence, as ChirpStack's DELAY scheduling
        Assert.DoesNotContain(paced.Warnings, w => w.Code == PlanIssueCode.FixedSpacingBreaksDutyCycle);
    }

    [Fact]
    public void ServerSpacing_ClassB_NoTwoFramesCloserThanTheServersMargin()
    {
        CampaignPlanOptions options = Options(20 * 1024, 3);
        options.Class = MulticastClass.ClassB;
        options.Periodicity = 0; // a ping slot every second
        options.ServerSpacing = TimeSpan.FromSeconds(5);

        CampaignPlan plan = CampaignPlanner.Create(options);

        Assert.True(plan.Feasible, string.Join(" ", plan.Errors));
        Assert.InRange(plan.FragmentsPerBeaconPeriod, 1, 26);
        DateTimeOffset[] times = [.. plan.Schedule.Select(d => d.NotBefore).Distinct().Order()];
        Assert.All(times.Zip(times.Skip(1)), pair => Assert.True(pair.Second - pair.First >= TimeSpan.FromSeconds(5), $"{pair.First:O} → {pair.Second:O}"));
    }

    [Fact]
    public void ServerSpacing_Negative_IsAnArgumentException()
    {
        CampaignPlanOptions options = Options(10_000, 5);
        options.ServerSpacing = TimeSpan.FromSeconds(-1);

        Assert.Contains("ServerSpacing", Assert.Throws<ArgumentException>(() => CampaignPlanner.Create(options)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryMessage_NamesNoCommandLineOption()
    {
        CampaignPlanOptions options = Options(2_000_000, 0);
        options.FragmentSize = 100;
        options.DeviceMaxFragmentSize = 50;
        options.DwellTime = true;
        CampaignPlan plan = CampaignPlanner.Create(options);

        Assert.NotEmpty(plan.Errors);
        Assert.Contains(plan.Warnings, w => w.Code == PlanIssueCode.DwellTimeIgnored);
        Assert.All(plan.Errors.Concat(plan.Warnings), issue => Assert.DoesNotContain("--", issue.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void UnknownDataRate_IsAnErrorNotAnException()
    {
        CampaignPlan plan = CampaignPlanner.Create(Options(1000, 9));
        Assert.False(plan.Feasible);
        Assert.Contains("DR9", plan.Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal(PlanIssueCode.DataRateNotDownlink, plan.Errors[0].Code);
    }

    [Fact]
    public void MalformedOptions_ThrowOneExceptionListingEveryProblem()
    {
        var options = new CampaignPlanOptions { ImageSize = 0, Gateways = 0, ExpectedLoss = 2, Start = s_start };
        ArgumentException ex = Assert.Throws<ArgumentException>(() => CampaignPlanner.Create(options));
        Assert.Contains("ImageSize", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Redundancy", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ExpectedLoss", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Gateways", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PingSlots_AreSpreadOverThePeriodAndDependOnTheAddress()
    {
        Span<TimeSpan> a = stackalloc TimeSpan[16];
        Span<TimeSpan> b = stackalloc TimeSpan[16];
        Assert.Equal(16, PingSlots.GetSlotOffsets(1_400_000_000 / 128 * 128, 0x01020304, 3, a));
        PingSlots.GetSlotOffsets(1_400_000_000 / 128 * 128, 0x01020305, 3, b);
        Assert.False(a.SequenceEqual(b));
        for (int k = 1; k < 16; k++)
        {
            Assert.Equal(7.68, (a[k] - a[k - 1]).TotalSeconds, 6); // 256 slots of 30 ms
        }

        Assert.True(a[0] >= PingSlots.BeaconReserved && a[15] < TimeSpan.FromSeconds(128));
    }
}
