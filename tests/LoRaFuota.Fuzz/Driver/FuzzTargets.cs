using LoRaFuota.Fuzz.Targets;

namespace LoRaFuota.Fuzz.Driver;

/// <summary>Every fuzz target, by name.</summary>
internal static class FuzzTargets
{
    public static IReadOnlyList<IFuzzTarget> Create() =>
    [
        new PayloadTarget(),
        new CodecTarget(),
        new DecoderTarget(),
        new CommandJsonTarget(),
        new PlannerTarget(),
        new FleetTarget(),
        new SnapshotTarget(),
        new CampaignUplinkTarget(),
    ];

    public static IFuzzTarget Find(string name) =>
        Create().FirstOrDefault(t => t.Name == name) ?? throw new ArgumentException($"No fuzz target \"{name}\"; the targets are {string.Join(", ", Create().Select(t => t.Name))}.", nameof(name));
}
