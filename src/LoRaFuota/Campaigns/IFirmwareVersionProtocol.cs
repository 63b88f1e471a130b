namespace LoRaFuota.Campaigns;

/// <summary>
/// How a device reports the firmware it runs, so a campaign marks it <see cref="OtaState.Updated"/> only when the new
/// version is installed and booted. Replace <see cref="DevVersionProtocol"/> (TS006 DevVersionAns on FPort 203) when
/// the fleet reports its version another way.
/// </summary>
public interface IFirmwareVersionProtocol
{
    /// <summary>Gets the FPort version reports arrive on and version requests go to.</summary>
    byte FPort { get; }

    /// <summary>Turns a version as the campaign's image names it into the form <see cref="TryReadReport"/> returns.</summary>
    /// <param name="version">The image version (for example "1.4.0").</param>
    /// <param name="normalized">The same version as reports will spell it.</param>
    /// <returns><see langword="true"/> if devices can report this version; otherwise, <see langword="false"/>.</returns>
    bool TryNormalize(string version, out string normalized);

    /// <summary>Writes a request that makes a device report its version.</summary>
    /// <param name="destination">Where to write it.</param>
    /// <returns>The bytes written; 0 when the protocol has no request (devices report on their own only).</returns>
    int WriteRequest(Span<byte> destination);

    /// <summary>Reads a version report from an uplink on <see cref="FPort"/>.</summary>
    /// <param name="payload">The FRMPayload.</param>
    /// <param name="version">The running version, normalized.</param>
    /// <returns><see langword="true"/> if the payload is a version report; otherwise, <see langword="false"/> (never throws).</returns>
    bool TryReadReport(ReadOnlySpan<byte> payload, out string version);
}
