using System.Buffers.Binary;
using LoRaFuota.Packages;

namespace LoRaFuota.ClockSync;

/// <summary>AppTimeAns (downlink, CID 0x01): the correction the device adds to its clock.</summary>
/// <remarks>
/// <code>
/// +-----+----------------+---------------------------+
/// | CID | TimeCorrection | Param                     |
/// |  1  |  4 (i32 LE)    | RFU 7:4 | TokenAns 3:0    |
/// +-----+----------------+---------------------------+
/// </code>
/// TS003 §3.2: TimeCorrection is signed seconds; TokenAns echoes the TokenReq answered. In TS003 v2 the values
/// 0x7FFFFFFF and 0x80000000 mean "saturated: apply, then ask again" (see <see cref="TimeCorrection"/>).
/// </remarks>
/// <param name="TimeCorrection">Seconds to add to the device clock.</param>
/// <param name="TokenAns">The token of the request answered, 0 to 15.</param>
public readonly record struct AppTimeAns(int TimeCorrection, byte TokenAns) : IAppLayerCommand<AppTimeAns>
{
    /// <summary>The command identifier.</summary>
    public const byte Cid = 0x01;

    /// <summary>The encoded length in bytes, CID included.</summary>
    public const int EncodedLength = 6;

    private const int CorrectionOffset = 1;
    private const int ParamOffset = 5;
    private const int TokenMask = 0x0F; // bits 3:0

    /// <inheritdoc/>
    public static byte CommandId => Cid;

    /// <summary>Gets a value indicating whether the correction is one of the two TS003 v2 saturation values.</summary>
    public bool IsSaturated => TimeCorrection is int.MaxValue or int.MinValue;

    /// <inheritdoc/>
    public int GetByteCount() => EncodedLength;

    /// <summary>Reads exactly 6 bytes. RFU bits are ignored.</summary>
    /// <inheritdoc cref="IAppLayerCommand{TSelf}.TryRead"/>
    public static bool TryRead(ReadOnlySpan<byte> source, PackageVersion version, out AppTimeAns value, out int bytesConsumed) =>
        CommandCodec.Starts(source, Cid, EncodedLength)
            ? CommandCodec.Succeed(
                new AppTimeAns(BinaryPrimitives.ReadInt32LittleEndian(source[CorrectionOffset..]), (byte)(source[ParamOffset] & TokenMask)),
                EncodedLength,
                out value,
                out bytesConsumed)
            : CommandCodec.Fail(out value, out bytesConsumed);

    /// <summary>Writes exactly 6 bytes.</summary>
    /// <inheritdoc cref="IAppLayerCommand{TSelf}.TryWrite"/>
    public bool TryWrite(Span<byte> destination, out int bytesWritten)
    {
        FieldGuard.Bits(TokenAns, 4);
        bytesWritten = 0;
        if (destination.Length < EncodedLength)
        {
            return false;
        }

        destination[0] = Cid;
        BinaryPrimitives.WriteInt32LittleEndian(destination[CorrectionOffset..], TimeCorrection);
        destination[ParamOffset] = TokenAns;
        bytesWritten = EncodedLength;
        return true;
    }
}
