using System.Runtime.CompilerServices;

namespace LoRaFuota.Multicast;

/// <summary>The McAddr of each of the four multicast groups, indexed by McGroupID, stored inline.</summary>
[InlineArray(Count)]
public struct McGroupAddresses : IEquatable<McGroupAddresses>
{
    /// <summary>The number of groups TS005 can address.</summary>
    public const int Count = 4;

    private uint _element0;

    /// <inheritdoc/>
    public readonly bool Equals(McGroupAddresses other) => ((ReadOnlySpan<uint>)this).SequenceEqual(other);

    /// <inheritdoc/>
    public override readonly bool Equals(object? obj) => obj is McGroupAddresses other && Equals(other);

    /// <inheritdoc/>
    public override readonly int GetHashCode() => HashCode.Combine(this[0], this[1], this[2], this[3]);

    /// <summary>Compares two tables.</summary>
    public static bool operator ==(McGroupAddresses left, McGroupAddresses right) => left.Equals(right);

    /// <summary>Compares two tables.</summary>
    public static bool operator !=(McGroupAddresses left, McGroupAddresses right) => !left.Equals(right);
}
