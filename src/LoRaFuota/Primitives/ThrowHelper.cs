using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace LoRaFuota;

/// <summary>Keeps throw sites out of hot methods so they stay small enough to inline.</summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void ThrowFieldOutOfRange(string? name, long value, long max) =>
        throw CreateFieldOutOfRange(name, value, 0, max);

    [DoesNotReturn]
    public static void ThrowFieldOutOfRange(string? name, long value, long min, long max) =>
        throw CreateFieldOutOfRange(name, value, min, max);

    [DoesNotReturn]
    public static void ThrowUnknownVersion(PackageVersion version) =>
        throw new ArgumentOutOfRangeException(
            nameof(version),
            version,
            "The package version must be PackageVersion.V1 or PackageVersion.V2; read it from the device's PackageVersionAns.");

    [DoesNotReturn]
    public static void ThrowArgument(string paramName, string message) => throw new ArgumentException(message, paramName);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ArgumentOutOfRangeException CreateFieldOutOfRange(string? name, long value, long min, long max) =>
        new(name, value, $"{name} must be between {min} and {max}; it was {value}.");
}
