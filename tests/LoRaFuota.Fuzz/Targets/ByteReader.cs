using System.Buffers.Binary;

namespace LoRaFuota.Fuzz.Targets;

/// <summary>Reads typed values off a fuzz input; past the end everything reads as 0.</summary>
internal ref struct ByteReader(ReadOnlySpan<byte> input)
{
    private readonly ReadOnlySpan<byte> _input = input;
    private int _at;

    public byte U8() => _at < _input.Length ? _input[_at++] : (byte)0;

    public ushort U16() => (ushort)(U8() | (U8() << 8));

    public int I32()
    {
        Span<byte> four = [U8(), U8(), U8(), U8()];
        return BinaryPrimitives.ReadInt32LittleEndian(four);
    }

    public bool Flag() => (U8() & 1) != 0;

    /// <summary>A double that is often ordinary and sometimes extreme (NaN, infinities, negatives, huge).</summary>
    public double Number()
    {
        byte kind = U8();
        return (kind & 7) switch
        {
            0 => double.NaN,
            1 => double.PositiveInfinity,
            2 => -U16() / 100.0,
            3 => U16() * 1e6,
            _ => U16() / 65535.0 * (kind >> 3),
        };
    }
}
