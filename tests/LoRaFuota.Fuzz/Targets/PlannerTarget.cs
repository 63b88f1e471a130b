using LoRaFuota.Fragmentation.Coding;
using LoRaFuota.Fuzz.Driver;
using LoRaFuota.Multicast;
using LoRaFuota.Planning;
using LoRaFuota.Regions;

namespace LoRaFuota.Fuzz.Targets;

/// <summary>
/// The planner's options, every field drawn from the input (including nonsense: negative counts, NaN, infinities).
/// Caller mistakes are <see cref="ArgumentException"/>s; anything else thrown is a finding. A feasible plan keeps its
/// promises: M + R fits TS004, the session fits its TimeOut, and the schedule holds every fragment in time order.
/// </summary>
internal sealed class PlannerTarget : IFuzzTarget
{
    private static readonly DateTimeOffset s_start = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    public string Name => "planner";

    // Feasible plans, byte by byte in the order Execute reads them: 64 KiB EU868 DR5 class C 20 % at 5 % loss;
    // 16 KiB US915 DR13 class B periodicity 4, R = 200; 8 KiB AS923-2 DR4 with a 99 % target, 50-byte fragments,
    // FRAG_MAX_NB 4000 and two simultaneous gateways.
    public IReadOnlyList<byte[]> Seeds { get; } =
    [
        Convert.FromHexString("011000060001 0C3333 0CCC0C 00 00 00 00 02 00 8E03".Replace(" ", string.Empty, StringComparison.Ordinal)),
        Convert.FromHexString("0004010E0100 2C01 0CCC0C 02 04 00 00 00 02 00 8E03".Replace(" ", string.Empty, StringComparison.Ordinal)),
        Convert.FromHexString("000203040002 0C70FD 0CCC0C 21 34 A00F 01 00 01 01 00 8E03".Replace(" ", string.Empty, StringComparison.Ordinal)),
    ];

    public int Execute(ReadOnlySpan<byte> input)
    {
        var r = new ByteReader(input);
        var options = new CampaignPlanOptions
        {
            ImageSize = (r.U16() << 4) - 8,
            Region = RegionalParameters.Get((Region)(r.U8() % 11)),
            DataRate = r.U8() % 16 - 1,
            Class = r.Flag() ? MulticastClass.ClassB : MulticastClass.ClassC,
            Start = s_start,
        };
        switch (r.U8() % 3)
        {
            case 0: options.Redundancy = r.U16() - 100; break;
            case 1: options.RedundancyPercent = r.Number() * 100; break;
            default: options.TargetSuccessProbability = r.Number(); break;
        }

        options.ExpectedLoss = r.Number();
        byte flags = r.U8();
        options.FragmentSize = (flags & 1) != 0 ? r.U8() - 2 : null;
        options.Periodicity = (flags & 2) != 0 ? (byte)(r.U8() % 9) : null;
        options.FrequencyHz = (flags & 4) != 0 ? (uint)r.I32() : null;
        options.DwellTime = (flags & 8) != 0;
        options.RepeaterCompatible = (flags & 16) != 0;
        options.DeviceMaxNbFrag = (flags & 32) != 0 ? r.U16() : null;
        options.DeviceMaxLostFragments = (flags & 64) != 0 ? r.U16() - 5 : null;
        options.DeviceMemoryBytes = (flags & 128) != 0 ? r.I32() : null;
        options.Gateways = 1 + (r.U8() % 4) - (r.Flag() ? 2 : 0);
        options.GatewayMode = r.Flag() ? GatewayMode.Simultaneous : GatewayMode.Sequential;
        options.Variant = (ParityVariant)(r.U8() % 4);
        options.FragIndex = r.U8();
        options.UplinkInterval = TimeSpan.FromSeconds(r.U16() - 10);

        CampaignPlan plan;
        try
        {
            plan = CampaignPlanner.Create(options);
        }
        catch (ArgumentException ex)
        {
            FuzzFinding.Check(ex.Message.Length > 0, "a caller mistake says what it is");
            return 1;
        }

        FuzzFinding.Check(plan.Errors.All(e => e.Message.Length > 0 && !e.Message.Contains("--", StringComparison.Ordinal)), "errors are sentences without CLI options");
        if (!plan.Feasible)
        {
            return HashCode.Combine(2, plan.Errors[0].Code, plan.Errors.Count);
        }

        FuzzFinding.Check(plan.NbFrag >= 1 && plan.NbFrag + plan.Redundancy <= ParityMatrix.MaxFragmentNumber && plan.Redundancy >= 0, "M + R fits TS004");
        FuzzFinding.Check(plan.SessionDuration <= plan.SessionTimeout, "the session fits its TimeOut");
        FuzzFinding.Check(plan.SuccessProbability is >= 0 and <= 1, "the success probability is a probability");
        for (int i = 1; i < plan.Schedule.Count; i++)
        {
            FuzzFinding.Check(plan.Schedule[i].NotBefore >= plan.Schedule[i - 1].NotBefore, "the schedule is in time order");
        }

        return HashCode.Combine(3, options.Class, options.Region.Name, plan.Warnings.Count);
    }
}
