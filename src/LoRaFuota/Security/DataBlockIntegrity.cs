using System.Buffers.Binary;

namespace LoRaFuota.Security;

/// <summary>The TS004 v2 data-block integrity check: DataBlockIntKey and the 4-byte MIC of FragSessionSetupReq.</summary>
/// <remarks>
/// <code>
/// DataBlockIntKey = AES-Encrypt(GenAppKey (1.0.x) or AppKey (1.1), 0x30 | pad16)
/// B0  = 0x49 | SessionCnt u16 LE | FragIndex | Descriptor (wire order) | 0x00 ×4 | len u32 LE
/// MIC = first 4 octets of AES-CMAC(DataBlockIntKey, B0 ‖ data block)
/// </code>
/// TS004 v2 §3.3. len and the CMAC cover the block <b>without</b> padding, as ChirpStack and LoRa Basics Modem do.
/// </remarks>
public static class DataBlockIntegrity
{
    /// <summary>The length of the B0 block.</summary>
    public const int B0Length = 16;

    private const byte DataBlockIntKeyConstant = 0x30;
    private const byte B0Tag = 0x49;
    private const int SessionCntOffset = 1;
    private const int FragIndexOffset = 3;
    private const int DescriptorOffset = 4;
    private const int LengthOffset = 12;

    /// <summary>Derives DataBlockIntKey.</summary>
    /// <param name="rootKey">GenAppKey for a LoRaWAN 1.0.x device, AppKey for 1.1.</param>
    /// <returns>DataBlockIntKey.</returns>
    public static Key128 DeriveDataBlockIntKey(Key128 rootKey) => AesBlock.EncryptConstant(rootKey, DataBlockIntKeyConstant);

    /// <summary>Writes the B0 block.</summary>
    /// <param name="destination">At least 16 bytes.</param>
    /// <param name="sessionCnt">The session counter.</param>
    /// <param name="fragIndex">The session index, 0 to 3.</param>
    /// <param name="descriptor">The descriptor, as read little-endian from wire order.</param>
    /// <param name="dataBlockLength">The block length without padding.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than 16 bytes.</exception>
    public static void WriteB0(Span<byte> destination, ushort sessionCnt, byte fragIndex, uint descriptor, int dataBlockLength)
    {
        FieldGuard.Bits(fragIndex, 2);
        ArgumentOutOfRangeException.ThrowIfNegative(dataBlockLength);
        if (destination.Length < B0Length)
        {
            throw new ArgumentException($"B0 needs {B0Length} bytes.", nameof(destination));
        }

        destination[..B0Length].Clear();
        destination[0] = B0Tag;
        BinaryPrimitives.WriteUInt16LittleEndian(destination[SessionCntOffset..], sessionCnt);
        destination[FragIndexOffset] = fragIndex;
        BinaryPrimitives.WriteUInt32LittleEndian(destination[DescriptorOffset..], descriptor);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[LengthOffset..], (uint)dataBlockLength);
    }

    /// <summary>Computes the MIC carried in a v2 FragSessionSetupReq.</summary>
    /// <param name="dataBlockIntKey">DataBlockIntKey.</param>
    /// <param name="sessionCnt">The session counter of the setup request.</param>
    /// <param name="fragIndex">The session index, 0 to 3.</param>
    /// <param name="descriptor">The descriptor, as read little-endian from wire order.</param>
    /// <param name="dataBlock">The data block without padding.</param>
    /// <returns>The MIC, as read little-endian from its 4 octets in output order (so writing it LE reproduces them).</returns>
    public static uint ComputeMic(Key128 dataBlockIntKey, ushort sessionCnt, byte fragIndex, uint descriptor, ReadOnlySpan<byte> dataBlock)
    {
        Span<byte> b0 = stackalloc byte[B0Length];
        WriteB0(b0, sessionCnt, fragIndex, descriptor, dataBlock.Length);
        Span<byte> mac = stackalloc byte[AesCmac.MacLength];
        AesCmac.Compute(dataBlockIntKey, b0, dataBlock, mac);
        return BinaryPrimitives.ReadUInt32LittleEndian(mac);
    }
}
