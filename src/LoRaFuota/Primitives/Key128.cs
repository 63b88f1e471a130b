using System.Buffers;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace LoRaFuota;

/// <summary>A 128-bit AES key or key-sized block, stored inline so commands that carry one stay allocation-free.</summary>
/// <remarks>
/// <see cref="ToString"/> never prints the key material (keys must not reach logs); call
/// <see cref="ToHexString"/> when the hex text is really wanted.
/// </remarks>
[InlineArray(Length)]
public struct Key128 : IEquatable<Key128>
{
    /// <summary>The key length in bytes.</summary>
    public const int Length = 16;

    private byte _element0;

    /// <summary>Copies a key from 16 bytes.</summary>
    /// <param name="source">Exactly 16 bytes, in AES block order.</param>
    /// <returns>The key.</returns>
    /// <exception cref="ArgumentException"><paramref name="source"/> is not 16 bytes long.</exception>
    public static Key128 Create(ReadOnlySpan<byte> source)
    {
        if (source.Length != Length)
        {
            throw new ArgumentException($"A key is exactly {Length} bytes; {source.Length} were given.", nameof(source));
        }

        Key128 key = default;
        source.CopyTo(key);
        return key;
    }

    /// <summary>Parses 32 hexadecimal digits (either case) into a key.</summary>
    /// <param name="hex">32 hex digits, no separators.</param>
    /// <returns>The key.</returns>
    /// <exception cref="ArgumentException"><paramref name="hex"/> is not 32 hex digits.</exception>
    public static Key128 Parse(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        if (!TryParse(hex, out Key128 key))
        {
            throw new ArgumentException($"A key is {Length * 2} hex digits; the text has {hex.Length} characters or a non-hex digit.", nameof(hex));
        }

        return key;
    }

    /// <summary>Tries to parse 32 hexadecimal digits into a key.</summary>
    /// <param name="hex">The text to parse.</param>
    /// <param name="key">The key, or the zero key on failure.</param>
    /// <returns><see langword="true"/> if <paramref name="hex"/> was 32 hex digits; otherwise, <see langword="false"/>.</returns>
    public static bool TryParse(ReadOnlySpan<char> hex, out Key128 key)
    {
        key = default;
        if (hex.Length != Length * 2)
        {
            return false;
        }

        OperationStatus status = Convert.FromHexString(hex, key, out _, out int written);
        if (status != OperationStatus.Done || written != Length)
        {
            key = default;
            return false;
        }

        return true;
    }

    /// <summary>Returns the key as 32 lowercase hex digits. This is the only member that reveals the key.</summary>
    /// <returns>The hex text.</returns>
    public readonly string ToHexString() => Convert.ToHexStringLower(this);

    /// <summary>Copies the 16 key bytes into <paramref name="destination"/>.</summary>
    /// <param name="destination">At least 16 bytes.</param>
    public readonly void CopyTo(Span<byte> destination) => ((ReadOnlySpan<byte>)this).CopyTo(destination);

    /// <inheritdoc/>
    public readonly bool Equals(Key128 other) =>
        CryptographicOperations.FixedTimeEquals(this, other);

    /// <inheritdoc/>
    public override readonly bool Equals(object? obj) => obj is Key128 other && Equals(other);

    /// <inheritdoc/>
    public override readonly int GetHashCode()
    {
        HashCode hash = default;
        hash.AddBytes(this);
        return hash.ToHashCode();
    }

    /// <summary>Returns a redacted description; keys never appear in logs.</summary>
    /// <returns>The text <c>Key128(redacted)</c>.</returns>
    public override readonly string ToString() => "Key128(redacted)";

    /// <summary>Compares two keys in constant time.</summary>
    public static bool operator ==(Key128 left, Key128 right) => left.Equals(right);

    /// <summary>Compares two keys in constant time.</summary>
    public static bool operator !=(Key128 left, Key128 right) => !left.Equals(right);
}
