using LoRaFuota.Packages;

namespace LoRaFuota.Fragmentation;

/// <summary>FragSessionSetupAns (uplink, CID 0x02): whether the device accepted a FragSessionSetupReq.</summary>
/// <remarks>
/// <code>
/// +-----+--------------------------------------------------------------------------------+
/// | CID | FragIndex 7:6 | RFU 5 | SessionCntReplay 4 (v2; RFU in v1) | WrongDescriptor 3 |
/// |     | FragIndexUnsupported 2 | NotEnoughMemory 1 | EncodingUnsupported 0              |
/// +-----+--------------------------------------------------------------------------------+
/// </code>
/// TS004 §3.3: the request was accepted only when bits 0–3 (v1) or 0–4 (v2) are all 0. Bit 0 is
/// "encoding unsupported" in v1 and "FragAlgo unsupported" in v2.
/// </remarks>
public readonly record struct FragSessionSetupAns : IAppLayerCommand<FragSessionSetupAns>
{
    /// <summary>The command identifier.</summary>
    public const byte Cid = 0x02;

    /// <summary>The encoded length in bytes, CID included.</summary>
    public const int EncodedLength = 2;

    private const int EncodingUnsupportedBit = 0;
    private const int NotEnoughMemoryBit = 1;
    private const int FragIndexUnsupportedBit = 2;
    private const int WrongDescriptorBit = 3;
    private const int SessionCntReplayBit = 4;
    private const int FragIndexShift = 6; // bits 7:6

    /// <summary>Gets the package version; bit 4 is RFU in v1.</summary>
    public PackageVersion Version { get; init; }

    /// <summary>Gets the echoed session index, 0 to 3.</summary>
    public byte FragIndex { get; init; }

    /// <summary>Gets a value indicating whether the coding (v1 FragmentationMatrix, v2 FragAlgo) is unsupported.</summary>
    public bool EncodingUnsupported { get; init; }

    /// <summary>Gets a value indicating whether the device lacks memory for the block or its decoder.</summary>
    public bool NotEnoughMemory { get; init; }

    /// <summary>Gets a value indicating whether the session index is unsupported.</summary>
    public bool FragIndexUnsupported { get; init; }

    /// <summary>Gets a value indicating whether the descriptor was refused.</summary>
    public bool WrongDescriptor { get; init; }

    /// <summary>Gets a value indicating whether SessionCnt was not above the last one used (v2 only).</summary>
    public bool SessionCntReplay { get; init; }

    /// <summary>Gets a value indicating whether the device accepted the session (no error bit set).</summary>
    public bool IsAccepted => !(EncodingUnsupported || NotEnoughMemory || FragIndexUnsupported || WrongDescriptor || SessionCntReplay);

    /// <inheritdoc/>
    public static byte CommandId => Cid;

    /// <inheritdoc/>
    public int GetByteCount() => EncodedLength;

    /// <summary>Reads exactly 2 bytes. RFU bits are ignored.</summary>
    /// <inheritdoc cref="IAppLayerCommand{TSelf}.TryRead"/>
    public static bool TryRead(ReadOnlySpan<byte> source, PackageVersion version, out FragSessionSetupAns value, out int bytesConsumed)
    {
        if (!CommandCodec.Starts(source, Cid, EncodedLength))
        {
            return CommandCodec.Fail(out value, out bytesConsumed);
        }

        byte status = source[1];
        bool v2 = version == PackageVersion.V2;
        var result = new FragSessionSetupAns
        {
            Version = v2 ? PackageVersion.V2 : PackageVersion.V1,
            FragIndex = (byte)(status >> FragIndexShift),
            EncodingUnsupported = CommandCodec.Bit(status, EncodingUnsupportedBit),
            NotEnoughMemory = CommandCodec.Bit(status, NotEnoughMemoryBit),
            FragIndexUnsupported = CommandCodec.Bit(status, FragIndexUnsupportedBit),
            WrongDescriptor = CommandCodec.Bit(status, WrongDescriptorBit),
            SessionCntReplay = v2 && CommandCodec.Bit(status, SessionCntReplayBit),
        };
        return CommandCodec.Succeed(result, EncodedLength, out value, out bytesConsumed);
    }

    /// <summary>Writes exactly 2 bytes.</summary>
    /// <inheritdoc cref="IAppLayerCommand{TSelf}.TryWrite"/>
    public bool TryWrite(Span<byte> destination, out int bytesWritten)
    {
        FieldGuard.Version(Version);
        FieldGuard.Bits(FragIndex, 2);
        if (Version == PackageVersion.V1 && SessionCntReplay)
        {
            ThrowHelper.ThrowArgument(nameof(SessionCntReplay), "SessionCntReplay exists only in TS004 v2.");
        }

        int status = (FragIndex << FragIndexShift)
            | CommandCodec.Flag(EncodingUnsupported, EncodingUnsupportedBit)
            | CommandCodec.Flag(NotEnoughMemory, NotEnoughMemoryBit)
            | CommandCodec.Flag(FragIndexUnsupported, FragIndexUnsupportedBit)
            | CommandCodec.Flag(WrongDescriptor, WrongDescriptorBit)
            | CommandCodec.Flag(SessionCntReplay, SessionCntReplayBit);
        return CommandCodec.WriteTwoOctets(destination, Cid, status, out bytesWritten);
    }
}
