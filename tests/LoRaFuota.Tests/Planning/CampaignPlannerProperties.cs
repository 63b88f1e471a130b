using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LoRaFuota.Cli.Planning;
using LoRaFuota.Planning;
using LoRaFuota.Regions;

namespace LoRaFuota.Tests.Planning;

/// <summary>Any well-formed options give a plan (feasible or not) that renders as text, JSON and SVG without throwing.</summary>
public class CampaignPlannerProperties
{
    public static Arbitrary<CampaignPlanOptions> Options() => Arb.From(
        from region in Gen.Elements(RegionalTables.All.ToArray())
        from dr in Gen.Choose(0, 15)
        from size in Gen.Frequency((3, Gen.Choose(1, 200_000)), (1, Gen.Choose(200_000, 5_000_000)))
        from classB in Gen.Elements(true, false)
        from periodicity in Gen.Elements<byte?>(null, 0, 3, 7)
        from redundancyKind in Gen.Choose(0, 2)
        from redundancy in Gen.Choose(0, 400)
        from loss in Gen.Elements(0.0, 0.0, 0.05, 0.2)
        from fragmentSize in Gen.Elements<int?>(null, null, 1, 50, 255)
        from frequency in Gen.Elements<uint?>(null, null, 868_100_000, 868_100_050, 923_300_000)
        from gateways in Gen.Choose(1, 3)
        from simultaneous in Gen.Elements(true, false)
        from dwell in Gen.Elements(true, false)
        select new CampaignPlanOptions
        {
            Region = region,
            DataRate = dr,
            ImageSize = size,
            Class = classB ? MulticastClass.ClassB : MulticastClass.ClassC,
            Periodicity = periodicity,
            Redundancy = redundancyKind == 0 ? redundancy : null,
            RedundancyPercent = redundancyKind == 1 ? redundancy / 10.0 : null,
            TargetSuccessProbability = redundancyKind == 2 ? 0.95 : null,
            ExpectedLoss = loss,
            FragmentSize = fragmentSize,
            FrequencyHz = frequency,
            Gateways = gateways,
            GatewayMode = simultaneous ? GatewayMode.Simultaneous : GatewayMode.Sequential,
            DwellTime = dwell,
            Start = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero),
        });

    [Property(Arbitrary = [typeof(CampaignPlannerProperties)], MaxTest = 80)]
    public void AnyOptions_GiveAPlanThatRenders(CampaignPlanOptions options)
    {
        CampaignPlan plan = CampaignPlanner.Create(options);

        Assert.Equal(plan.Errors.Count == 0, plan.Feasible);
        Assert.All(plan.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
        Assert.InRange(plan.SuccessProbability, 0, 1);
        if (plan.Feasible)
        {
            Assert.NotEmpty(plan.Schedule);
            Assert.True(plan.SessionTimeout >= plan.SessionDuration);
            Assert.True(plan.Schedule.Zip(plan.Schedule.Skip(1)).All(p => p.First.NotBefore <= p.Second.NotBefore));
        }

        using var text = new StringWriter();
        PlanText.Write(text, plan);
        Assert.NotEmpty(PlanJson.Render(plan, schedule: true));
        Assert.StartsWith("<svg", PlanSvg.Render(plan), StringComparison.Ordinal);
    }
}
