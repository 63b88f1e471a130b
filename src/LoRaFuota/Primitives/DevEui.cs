using System.Globalization;

namespace LoRaFuota;

/// <summary>A device's 64-bit EUI, written as 16 hex digits most significant first (<c>70b3d57ed0000001</c>).</summary>
/// <param name="Value">The EUI as a number.</param>
public readonly record struct DevEui(ulong Value) : IComparable<DevEui>
{
    private const int HexDigits = 16;

    /// <summary>Parses 16 hex digits (either case).</summary>
    /// <param name="text">The EUI text.</param>
    /// <returns>The EUI.</returns>
    /// <exception cref="ArgumentException"><paramref name="text"/> is not 16 hex digits.</exception>
    public static DevEui Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out DevEui eui)
            ? eui
            : throw new ArgumentException($"A DevEUI is {HexDigits} hex digits, e.g. 70b3d57ed0000001; \"{text}\" is not.", nameof(text));
    }

    /// <summary>Parses 16 hex digits (either case).</summary>
    /// <param name="text">The EUI text.</param>
    /// <param name="eui">The EUI, or default.</param>
    /// <returns><see langword="true"/> if <paramref name="text"/> is 16 hex digits; otherwise, <see langword="false"/>.</returns>
    public static bool TryParse(ReadOnlySpan<char> text, out DevEui eui)
    {
        eui = default;
        if (text.Length != HexDigits || !ulong.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ulong value))
        {
            return false;
        }

        eui = new DevEui(value);
        return true;
    }

    /// <inheritdoc/>
    public int CompareTo(DevEui other) => Value.CompareTo(other.Value);

    /// <summary>Compares two EUIs as numbers.</summary>
    /// <param name="left">The first EUI.</param>
    /// <param name="right">The second EUI.</param>
    /// <returns>Whether <paramref name="left"/> is smaller.</returns>
    public static bool operator <(DevEui left, DevEui right) => left.Value < right.Value;

    /// <summary>Compares two EUIs as numbers.</summary>
    /// <param name="left">The first EUI.</param>
    /// <param name="right">The second EUI.</param>
    /// <returns>Whether <paramref name="left"/> is larger.</returns>
    public static bool operator >(DevEui left, DevEui right) => left.Value > right.Value;

    /// <summary>Compares two EUIs as numbers.</summary>
    /// <param name="left">The first EUI.</param>
    /// <param name="right">The second EUI.</param>
    /// <returns>Whether <paramref name="left"/> is smaller or equal.</returns>
    public static bool operator <=(DevEui left, DevEui right) => left.Value <= right.Value;

    /// <summary>Compares two EUIs as numbers.</summary>
    /// <param name="left">The first EUI.</param>
    /// <param name="right">The second EUI.</param>
    /// <returns>Whether <paramref name="left"/> is larger or equal.</returns>
    public static bool operator >=(DevEui left, DevEui right) => left.Value >= right.Value;

    /// <summary>Returns the 16 lowercase hex digits.</summary>
    /// <returns>The EUI text.</returns>
    public override string ToString() => Value.ToString("x16", CultureInfo.InvariantCulture);
}
