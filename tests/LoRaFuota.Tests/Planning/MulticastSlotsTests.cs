using LoRaFuota.Planning;
using LoRaFuota.Regions;

namespace LoRaFuota.Tests.Planning;

public sealed class MulticastSlotsTests
{
    [Theory]
    [InlineData(MulticastClass.ClassC, 5, null)]
    [InlineData(MulticastClass.ClassB, 3, null)]
    [InlineData(MulticastClass.ClassB, 5, (byte)2)]
    public void NextAtOrAfter_WalksThePlannersOwnSchedule(MulticastClass @class, int dataRate, byte? periodicity)
    {
        CampaignPlan plan = CampaignPlanner.Create(new CampaignPlanOptions
        {
            ImageSize = 6000,
            Region = RegionalParameters.Get(Region.EU868),
            DataRate = dataRate,
            Class = @class,
            Periodicity = periodicity,
            RedundancyPercent = 20,
            Start = new DateTimeOffset(2026, 5, 1, 10, 0, 0, TimeSpan.Zero),
            SetupLeadTime = TimeSpan.Zero,
            McAddr = 0x01020304,
        });
        Assert.True(plan.Feasible, string.Join(" ", plan.Errors));
        var slots = MulticastSlots.ForPlan(plan, plan.SessionStart, 0x01020304);

        DateTimeOffset from = plan.SessionStart;
        foreach (ScheduledDownlink downlink in plan.Schedule)
        {
            DateTimeOffset slot = slots.NextAtOrAfter(from);
            Assert.Equal(downlink.NotBefore, slot);
            from = slot + TimeSpan.FromTicks(1);
        }
    }

    [Fact]
    public void NextAtOrAfter_ClassC_BetweenSlots_GivesTheNextOne()
    {
        DateTimeOffset start = new(2026, 5, 1, 10, 0, 0, TimeSpan.Zero);
        var slots = MulticastSlots.ClassC(start, TimeSpan.FromSeconds(4));

        Assert.Equal(start + TimeSpan.FromSeconds(1), slots.NextAtOrAfter(start - TimeSpan.FromHours(1)));
        Assert.Equal(start + TimeSpan.FromSeconds(9), slots.NextAtOrAfter(start + TimeSpan.FromSeconds(5.5)));
        Assert.Equal(start + TimeSpan.FromSeconds(9), slots.NextAtOrAfter(start + TimeSpan.FromSeconds(9)));
    }
}
