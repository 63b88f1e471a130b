namespace LoRaFuota.Hosting;

/// <summary>
/// A transport that keeps its own reference to each multicast group it creates (ChirpStack: the group's UUID) and can be
/// given it back after a restart, so a campaign resumed in another process still reaches the group it created before.
/// Durable hosts store <see cref="GetGroupState"/> after a group is created and call <see cref="RestoreGroupState"/>
/// before resuming.
/// </summary>
public interface IResumableTransport
{
    /// <summary>Gets the transport's reference to a multicast group it created, or null if it knows none.</summary>
    /// <param name="group">The campaign's group number.</param>
    /// <returns>An opaque text to store.</returns>
    string? GetGroupState(int group);

    /// <summary>Gives the transport back the reference to a group created before a restart.</summary>
    /// <param name="group">The campaign's group number.</param>
    /// <param name="state">What <see cref="GetGroupState"/> returned then.</param>
    /// <exception cref="ArgumentException"><paramref name="state"/> is not one this transport wrote.</exception>
    void RestoreGroupState(int group, string state);
}
