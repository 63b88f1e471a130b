namespace LoRaFuota.Packages;

/// <summary>Shared steps of the fixed-length command codecs.</summary>
internal static class CommandCodec
{
    /// <summary>True when <paramref name="source"/> holds at least <paramref name="length"/> bytes and starts with <paramref name="cid"/>.</summary>
    public static bool Starts(ReadOnlySpan<byte> source, byte cid, int length) =>
        source.Length >= length && source[0] == cid;

    /// <summary>Sets the outputs of a failed read.</summary>
    public static bool Fail<T>(out T value, out int bytesConsumed)
        where T : struct
    {
        value = default;
        bytesConsumed = 0;
        return false;
    }

    /// <summary>Sets the outputs of a successful read.</summary>
    public static bool Succeed<T>(T result, int length, out T value, out int bytesConsumed)
        where T : struct
    {
        value = result;
        bytesConsumed = length;
        return true;
    }

    /// <summary>Writes a command that is its CID alone.</summary>
    public static bool WriteCidOnly(Span<byte> destination, byte cid, out int bytesWritten)
    {
        bytesWritten = 0;
        if (destination.IsEmpty)
        {
            return false;
        }

        destination[0] = cid;
        bytesWritten = 1;
        return true;
    }

    /// <summary>Writes a command made of its CID and one payload octet.</summary>
    public static bool WriteTwoOctets(Span<byte> destination, byte cid, int payload, out int bytesWritten)
    {
        bytesWritten = 0;
        if (destination.Length < 2)
        {
            return false;
        }

        destination[0] = cid;
        destination[1] = (byte)payload;
        bytesWritten = 2;
        return true;
    }

    /// <summary>Reads bit <paramref name="bit"/> of <paramref name="octet"/>.</summary>
    public static bool Bit(byte octet, int bit) => ((octet >> bit) & 1) != 0;

    /// <summary>Returns bit <paramref name="bit"/> set when <paramref name="flag"/> is set, else 0.</summary>
    public static int Flag(bool flag, int bit) => flag ? 1 << bit : 0;
}
