namespace LoRaFuota.Packages;

/// <summary>PackageVersionReq (downlink, CID 0x00, every package): asks which package version the device implements.</summary>
/// <remarks>
/// <code>
/// +-----+
/// | CID |   1 byte, no payload
/// +-----+
/// </code>
/// TS003 §3.1, TS004 §3.1, TS005 §3.1: the same command on FPort 200, 201 and 202.
/// </remarks>
public readonly record struct PackageVersionReq : IAppLayerCommand<PackageVersionReq>
{
    /// <summary>The command identifier.</summary>
    public const byte Cid = 0x00;

    /// <summary>The encoded length in bytes, CID included.</summary>
    public const int EncodedLength = 1;

    /// <inheritdoc/>
    public static byte CommandId => Cid;

    /// <inheritdoc/>
    public int GetByteCount() => EncodedLength;

    /// <summary>Reads exactly 1 byte.</summary>
    /// <inheritdoc cref="IAppLayerCommand{TSelf}.TryRead"/>
    public static bool TryRead(ReadOnlySpan<byte> source, PackageVersion version, out PackageVersionReq value, out int bytesConsumed) =>
        CommandCodec.Starts(source, Cid, EncodedLength)
            ? CommandCodec.Succeed(default(PackageVersionReq), EncodedLength, out value, out bytesConsumed)
            : CommandCodec.Fail(out value, out bytesConsumed);

    /// <summary>Writes exactly 1 byte.</summary>
    /// <inheritdoc cref="IAppLayerCommand{TSelf}.TryWrite"/>
    public bool TryWrite(Span<byte> destination, out int bytesWritten) => CommandCodec.WriteCidOnly(destination, Cid, out bytesWritten);
}
