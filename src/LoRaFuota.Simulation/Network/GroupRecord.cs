namespace LoRaFuota.Simulation.Network;

/// <summary>A multicast group's life in the simulated network server.</summary>
/// <param name="Group">The campaign's group number.</param>
/// <param name="McAddr">Its address.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="SessionStart">When its devices start listening.</param>
/// <param name="SessionEnd">When they stop.</param>
/// <param name="DeletedAt">When it was deleted, or null.</param>
public sealed record GroupRecord(int Group, uint McAddr, DateTimeOffset CreatedAt, DateTimeOffset SessionStart, DateTimeOffset SessionEnd, DateTimeOffset? DeletedAt);
