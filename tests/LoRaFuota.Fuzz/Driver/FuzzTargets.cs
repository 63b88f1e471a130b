using LoRaFuota.Fuzz.Targets;

namespace LoRaFuota.Fuzz.Driver;

/// <summary>Every fuzz target, by name; built on demand (some targets compute their seeds when built).</summary>
internal static class FuzzTargets
{
    private static readonly (string Name, Func<IFuzzTarget> Create)[] s_factories =
    [
        ("payload", () => new PayloadTarget()),
        ("codec", () => new CodecTarget()),
        ("decoder", () => new DecoderTarget()),
        ("encode-json", () => new CommandJsonTarget()),
        ("planner", () => new PlannerTarget()),
        ("fleet", () => new FleetTarget()),
        ("snapshot", () => new SnapshotTarget()),
        ("campaign-uplinks", () => new CampaignUplinkTarget()),
        ("network-server-events", () => new NetworkServerEventTarget()),
    ];

    public static IReadOnlyList<string> Names => [.. s_factories.Select(f => f.Name)];

    public static IReadOnlyList<IFuzzTarget> Create() => [.. s_factories.Select(f => f.Create())];

    public static IFuzzTarget Find(string name) => Factory(name)();

    /// <summary>The factory of a target, so a caller can build it later (the AFL entry builds it after the fork server starts).</summary>
    public static Func<IFuzzTarget> Factory(string name) =>
        s_factories.FirstOrDefault(f => f.Name == name).Create
        ?? throw new ArgumentException($"No fuzz target \"{name}\"; the targets are {string.Join(", ", Names)}.", nameof(name));
}
