using System.Buffers.Binary;
using System.Diagnostics;

namespace LoRaFuota;

/// <summary>
/// Mimics <see cref="BinaryPrimitives"/> for the oddly sized little-endian units of the application-layer packages:
/// the 24-bit frequency and TimeToStart fields and the 2+14-bit index fields.
/// </summary>
internal static class LoRaBitConverter
{
    /// <summary>The largest value of a 24-bit field.</summary>
    public const uint MaxUInt24 = 0xFF_FFFF;

    /// <summary>The largest 14-bit fragment number or counter.</summary>
    public const int MaxUInt14 = 0x3FFF;

    private const int IndexShift = 14; // bits 15:14 of the u16

    public static uint ReadUInt24LittleEndian(ReadOnlySpan<byte> source) =>
        (uint)(source[0] | (source[1] << 8) | (source[2] << 16));

    public static void WriteUInt24LittleEndian(Span<byte> destination, uint value)
    {
        Debug.Assert(value <= MaxUInt24, "24-bit field out of range");
        destination[2] = (byte)(value >> 16);
        destination[1] = (byte)(value >> 8);
        destination[0] = (byte)value;
    }

    /// <summary>Reads a u16 LE whose bits 13:0 are a counter and bits 15:14 an index.</summary>
    public static (ushort Value, byte Index) ReadUInt14WithIndex(ReadOnlySpan<byte> source)
    {
        ushort raw = BinaryPrimitives.ReadUInt16LittleEndian(source);
        return ((ushort)(raw & MaxUInt14), (byte)(raw >> IndexShift));
    }

    /// <summary>Writes <c>(index &lt;&lt; 14) | value</c> as a u16 LE.</summary>
    public static void WriteUInt14WithIndex(Span<byte> destination, int value, int index)
    {
        Debug.Assert((uint)value <= MaxUInt14, "14-bit field out of range");
        Debug.Assert((uint)index <= 3, "2-bit index out of range");
        BinaryPrimitives.WriteUInt16LittleEndian(destination, (ushort)((index << IndexShift) | value));
    }

    /// <summary>Gets <paramref name="value"/> with its bytes in little-endian order in memory (a no-op on little-endian machines).</summary>
    /// <param name="value">The value.</param>
    /// <returns>The value to store through a reinterpreting reference.</returns>
    public static ulong ToLittleEndian(ulong value) =>
#pragma warning disable RS0030 // the one question asked of BitConverter: what the machine's byte order is
        BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value);
#pragma warning restore RS0030
}
