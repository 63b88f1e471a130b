using System.Buffers.Binary;
using System.Globalization;

namespace LoRaFuota.Cli.Json;

/// <summary>Hex conventions of the CLI and the vector files.</summary>
internal static class HexText
{
    /// <summary>Formats a 4-byte field held as a little-endian read of its wire octets, in wire order.</summary>
    public static string FromUInt32Wire(uint value)
    {
        Span<byte> wire = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(wire, value);
        return Convert.ToHexStringLower(wire);
    }

    /// <summary>Parses 8 hex digits in wire order into the little-endian read of those octets.</summary>
    public static bool TryParseUInt32Wire(string? text, out uint value)
    {
        value = 0;
        if (!TryParseBytes(text, out byte[] bytes) || bytes.Length != 4)
        {
            return false;
        }

        value = BinaryPrimitives.ReadUInt32LittleEndian(bytes);
        return true;
    }

    /// <summary>Formats an address (DevAddr, McAddr) as 8 hex digits, most significant first.</summary>
    public static string FromAddress(uint address) => address.ToString("x8", CultureInfo.InvariantCulture);

    /// <summary>Parses 8 hex digits, most significant first.</summary>
    public static bool TryParseAddress(string? text, out uint address)
    {
        address = 0;
        return text is { Length: 8 } && uint.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out address);
    }

    /// <summary>Parses hex digits (either case; spaces, a 0x prefix and separators ':' '-' are ignored).</summary>
    public static bool TryParseBytes(string? text, out byte[] bytes)
    {
        bytes = [];
        if (text is null)
        {
            return false;
        }

        string digits = text.Trim();
        if (digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            digits = digits[2..];
        }

        digits = digits.Replace(" ", string.Empty, StringComparison.Ordinal)
            .Replace(":", string.Empty, StringComparison.Ordinal)
            .Replace("-", string.Empty, StringComparison.Ordinal);
        if (digits.Length % 2 != 0)
        {
            return false;
        }

        try
        {
            bytes = Convert.FromHexString(digits);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
