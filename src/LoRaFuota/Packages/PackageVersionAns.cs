namespace LoRaFuota.Packages;

/// <summary>PackageVersionAns (uplink, CID 0x00, every package): the package identifier and version the device implements.</summary>
/// <remarks>
/// <code>
/// +-----+-------------------+----------------+
/// | CID | PackageIdentifier | PackageVersion |
/// |  1  |         1         |       1        |
/// +-----+-------------------+----------------+
/// </code>
/// PackageIdentifier is 1 for TS003, 3 for TS004 and 2 for TS005; PackageVersion is 1 or 2 (TS00x §3.1).
/// Both octets are carried as received, so a device that reports an unknown package or version can be told apart.
/// </remarks>
/// <param name="PackageIdentifier">The package identifier.</param>
/// <param name="PackageVersion">The package version.</param>
public readonly record struct PackageVersionAns(byte PackageIdentifier, byte PackageVersion) : IAppLayerCommand<PackageVersionAns>
{
    /// <summary>The command identifier.</summary>
    public const byte Cid = 0x00;

    /// <summary>The encoded length in bytes, CID included.</summary>
    public const int EncodedLength = 3;

    /// <summary>The PackageIdentifier of TS003 Clock Synchronization.</summary>
    public const byte ClockSyncIdentifier = 1;

    /// <summary>The PackageIdentifier of TS005 Remote Multicast Setup.</summary>
    public const byte MulticastSetupIdentifier = 2;

    /// <summary>The PackageIdentifier of TS004 Fragmented Data Block Transport.</summary>
    public const byte FragmentationIdentifier = 3;

    private const int IdentifierOffset = 1;
    private const int VersionOffset = 2;

    /// <inheritdoc/>
    public static byte CommandId => Cid;

    /// <inheritdoc/>
    public int GetByteCount() => EncodedLength;

    /// <summary>Reads exactly 3 bytes.</summary>
    /// <inheritdoc cref="IAppLayerCommand{TSelf}.TryRead"/>
    public static bool TryRead(ReadOnlySpan<byte> source, PackageVersion version, out PackageVersionAns value, out int bytesConsumed) =>
        CommandCodec.Starts(source, Cid, EncodedLength)
            ? CommandCodec.Succeed(new PackageVersionAns(source[IdentifierOffset], source[VersionOffset]), EncodedLength, out value, out bytesConsumed)
            : CommandCodec.Fail(out value, out bytesConsumed);

    /// <summary>Writes exactly 3 bytes.</summary>
    /// <inheritdoc cref="IAppLayerCommand{TSelf}.TryWrite"/>
    public bool TryWrite(Span<byte> destination, out int bytesWritten)
    {
        bytesWritten = 0;
        if (destination.Length < EncodedLength)
        {
            return false;
        }

        destination[0] = Cid;
        destination[IdentifierOffset] = PackageIdentifier;
        destination[VersionOffset] = PackageVersion;
        bytesWritten = EncodedLength;
        return true;
    }
}
