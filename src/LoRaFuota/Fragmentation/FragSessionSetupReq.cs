using System.Buffers.Binary;
using LoRaFuota.Packages;

namespace LoRaFuota.Fragmentation;

/// <summary>FragSessionSetupReq (downlink, unicast, CID 0x02): creates a fragmentation session; 11 bytes in v1, 17 in v2.</summary>
/// <remarks>
/// <code>
/// off  size  field
///  0    1    CID 0x02
///  1    1    FragSession: RFU 7:6 | FragIndex 5:4 | McGroupBitMask 3:0
///  2    2    NbFrag (u16 LE)            number of uncoded fragments M
///  4    1    FragSize                   bytes per fragment
///  5    1    Control: v1  RFU 7:6 | FragmentationMatrix 5:3 | BlockAckDelay 2:0
///                     v2  RFU 7 | AckReception 6 | FragAlgo 5:3 | BlockAckDelay 2:0
///  6    1    Padding                    bytes of padding at the end of the last fragment
///  7    4    Descriptor                 opaque, wire order (read as u32 LE)
/// 11    2    SessionCnt (u16 LE)        v2 only: replay counter
/// 13    4    MIC                        v2 only: first 4 octets of the data-block CMAC, wire order (read as u32 LE)
/// </code>
/// TS004 §3.3 (v1) and TS004 v2 §3.3. The data block is NbFrag·FragSize − Padding bytes. A frame with NbFrag = 0 or
/// FragSize = 0 cannot describe a session and is rejected as illegal.
/// </remarks>
public readonly record struct FragSessionSetupReq : IAppLayerCommand<FragSessionSetupReq>
{
    /// <summary>The command identifier.</summary>
    public const byte Cid = 0x02;

    /// <summary>The encoded length of the v1 command in bytes, CID included.</summary>
    public const int EncodedLengthV1 = 11;

    /// <summary>The encoded length of the v2 command in bytes, CID included.</summary>
    public const int EncodedLengthV2 = 17;

    private const int SessionOffset = 1;
    private const int NbFragOffset = 2;
    private const int FragSizeOffset = 4;
    private const int ControlOffset = 5;
    private const int PaddingOffset = 6;
    private const int DescriptorOffset = 7;
    private const int SessionCntOffset = 11;
    private const int MicOffset = 13;
    private const int GroupMaskBits = 0x0F;   // FragSession bits 3:0
    private const int FragIndexShift = 4;     // FragSession bits 5:4
    private const int BlockAckDelayBits = 0x07; // Control bits 2:0
    private const int FragAlgoShift = 3;      // Control bits 5:3
    private const int AckReceptionBit = 6;    // Control bit 6, v2
    private const int TwoBits = 0x03;
    private const int ThreeBits = 0x07;

    /// <summary>Gets the package version, which fixes the layout.</summary>
    public PackageVersion Version { get; init; }

    /// <summary>Gets the session index, 0 to 3.</summary>
    public byte FragIndex { get; init; }

    /// <summary>Gets the multicast groups allowed to feed the session (bit X = group X); unicast is always accepted.</summary>
    public byte McGroupBitMask { get; init; }

    /// <summary>Gets M, the number of uncoded fragments (at least 1).</summary>
    public ushort NbFrag { get; init; }

    /// <summary>Gets the fragment size in bytes (at least 1).</summary>
    public byte FragSize { get; init; }

    /// <summary>Gets the BlockAckDelay code, 0 to 7 (see <see cref="AppLayerTiming.GetBlockAckDelayMax"/>).</summary>
    public byte BlockAckDelay { get; init; }

    /// <summary>Gets the coding algorithm, 0 to 7 (v1 FragmentationMatrix, v2 FragAlgo); only 0 is defined.</summary>
    public byte FragAlgo { get; init; }

    /// <summary>Gets a value indicating whether the device must send FragDataBlockReceivedReq when done (v2 only).</summary>
    public bool AckReception { get; init; }

    /// <summary>Gets the number of padding bytes at the end of the last fragment.</summary>
    public byte Padding { get; init; }

    /// <summary>Gets the application's 4-byte descriptor, read little-endian from wire order.</summary>
    public uint Descriptor { get; init; }

    /// <summary>Gets the replay counter (v2 only).</summary>
    public ushort SessionCnt { get; init; }

    /// <summary>Gets the data-block MIC (v2 only), read little-endian from wire order.</summary>
    public uint Mic { get; init; }

    /// <summary>Gets the size of the data block this session carries: NbFrag·FragSize − Padding.</summary>
    public int DataBlockLength => (NbFrag * FragSize) - Padding;

    /// <inheritdoc/>
    public static byte CommandId => Cid;

    /// <summary>Gets the encoded length for a version.</summary>
    /// <param name="version">The package version.</param>
    /// <returns>11 for v1, 17 for v2.</returns>
    public static int GetByteCount(PackageVersion version) => version == PackageVersion.V2 ? EncodedLengthV2 : EncodedLengthV1;

    /// <inheritdoc/>
    public int GetByteCount() => GetByteCount(Version);

    /// <summary>Reads 11 (v1) or 17 (v2) bytes. RFU bits are ignored.</summary>
    /// <inheritdoc cref="IAppLayerCommand{TSelf}.TryRead"/>
    public static bool TryRead(ReadOnlySpan<byte> source, PackageVersion version, out FragSessionSetupReq value, out int bytesConsumed)
    {
        int length = GetByteCount(version);
        if (!CommandCodec.Starts(source, Cid, length))
        {
            return CommandCodec.Fail(out value, out bytesConsumed);
        }

        byte session = source[SessionOffset];
        byte control = source[ControlOffset];
        bool v2 = version == PackageVersion.V2;
        var result = new FragSessionSetupReq
        {
            Version = v2 ? PackageVersion.V2 : PackageVersion.V1,
            McGroupBitMask = (byte)(session & GroupMaskBits),
            FragIndex = (byte)((session >> FragIndexShift) & TwoBits),
            NbFrag = BinaryPrimitives.ReadUInt16LittleEndian(source[NbFragOffset..]),
            FragSize = source[FragSizeOffset],
            BlockAckDelay = (byte)(control & BlockAckDelayBits),
            FragAlgo = (byte)((control >> FragAlgoShift) & ThreeBits),
            AckReception = v2 && CommandCodec.Bit(control, AckReceptionBit),
            Padding = source[PaddingOffset],
            Descriptor = BinaryPrimitives.ReadUInt32LittleEndian(source[DescriptorOffset..]),
            SessionCnt = v2 ? BinaryPrimitives.ReadUInt16LittleEndian(source[SessionCntOffset..]) : (ushort)0,
            Mic = v2 ? BinaryPrimitives.ReadUInt32LittleEndian(source[MicOffset..]) : 0,
        };

        // TS004 §3.3: M = 0 or an empty fragment cannot describe a data block.
        return result.NbFrag == 0 || result.FragSize == 0
            ? CommandCodec.Fail(out value, out bytesConsumed)
            : CommandCodec.Succeed(result, length, out value, out bytesConsumed);
    }

    /// <summary>Writes 11 (v1) or 17 (v2) bytes.</summary>
    /// <inheritdoc cref="IAppLayerCommand{TSelf}.TryWrite"/>
    public bool TryWrite(Span<byte> destination, out int bytesWritten)
    {
        Validate();
        bytesWritten = 0;
        int length = GetByteCount();
        if (destination.Length < length)
        {
            return false;
        }

        destination[0] = Cid;
        destination[SessionOffset] = (byte)(McGroupBitMask | (FragIndex << FragIndexShift));
        BinaryPrimitives.WriteUInt16LittleEndian(destination[NbFragOffset..], NbFrag);
        destination[FragSizeOffset] = FragSize;
        destination[ControlOffset] = (byte)(BlockAckDelay | (FragAlgo << FragAlgoShift) | CommandCodec.Flag(AckReception, AckReceptionBit));
        destination[PaddingOffset] = Padding;
        BinaryPrimitives.WriteUInt32LittleEndian(destination[DescriptorOffset..], Descriptor);
        if (Version == PackageVersion.V2)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(destination[SessionCntOffset..], SessionCnt);
            BinaryPrimitives.WriteUInt32LittleEndian(destination[MicOffset..], Mic);
        }

        bytesWritten = length;
        return true;
    }

    private void Validate()
    {
        FieldGuard.Version(Version);
        FieldGuard.Bits(FragIndex, 2);
        FieldGuard.Bits(McGroupBitMask, 4);
        FieldGuard.Bits(BlockAckDelay, 3);
        FieldGuard.Bits(FragAlgo, 3);
        if (NbFrag == 0 || FragSize == 0)
        {
            ThrowHelper.ThrowArgument(nameof(NbFrag), "NbFrag and FragSize must both be at least 1: a session carries at least one byte.");
        }

        if (Version == PackageVersion.V1 && (AckReception || SessionCnt != 0 || Mic != 0))
        {
            ThrowHelper.ThrowArgument(nameof(Version), "AckReception, SessionCnt and Mic exist only in TS004 v2; set Version to V2 or clear them.");
        }
    }
}
