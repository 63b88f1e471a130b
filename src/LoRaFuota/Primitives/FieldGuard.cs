using System.Runtime.CompilerServices;

namespace LoRaFuota;

/// <summary>Argument checks for command fields; caller mistakes throw with a message naming the field and its limit.</summary>
internal static class FieldGuard
{
    public static void Bits(int value, int bits, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        int max = (1 << bits) - 1;
        if ((uint)value > (uint)max)
        {
            ThrowHelper.ThrowFieldOutOfRange(name, value, max);
        }
    }

    public static void Max(long value, long max, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        if (value < 0 || value > max)
        {
            ThrowHelper.ThrowFieldOutOfRange(name, value, max);
        }
    }

    public static void Version(PackageVersion version)
    {
        if (version is not (PackageVersion.V1 or PackageVersion.V2))
        {
            ThrowHelper.ThrowUnknownVersion(version);
        }
    }
}
