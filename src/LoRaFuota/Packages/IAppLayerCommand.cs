namespace LoRaFuota.Packages;

/// <summary>
/// The codec contract every fixed-shape application-layer command implements: its length is known up front, it
/// reads from and writes into caller-owned spans, and it never allocates.
/// </summary>
/// <typeparam name="TSelf">The command type.</typeparam>
/// <remarks>
/// Reading never throws on bad radio data: a truncated buffer, a different CID or an illegal field value returns
/// <see langword="false"/> with every <c>out</c> set to default/0. Writing throws <see cref="ArgumentException"/>
/// only for caller mistakes (a field value the wire cannot carry), and returns <see langword="false"/> when the
/// destination is too small.
/// </remarks>
public interface IAppLayerCommand<TSelf>
    where TSelf : struct, IAppLayerCommand<TSelf>
{
    /// <summary>Gets the command identifier (the first octet on the wire).</summary>
    static abstract byte CommandId { get; }

    /// <summary>Gets the encoded length in bytes, the CID included.</summary>
    /// <returns>The number of bytes <see cref="TryWrite"/> writes.</returns>
    int GetByteCount();

    /// <summary>Writes the command, CID first, into <paramref name="destination"/>.</summary>
    /// <param name="destination">The buffer; nothing is written unless the whole command fits.</param>
    /// <param name="bytesWritten">The number of bytes written, or 0 when <paramref name="destination"/> is too small.</param>
    /// <returns><see langword="true"/> if the command fit; otherwise, <see langword="false"/>.</returns>
    /// <exception cref="ArgumentException">A field holds a value the wire format cannot carry.</exception>
    bool TryWrite(Span<byte> destination, out int bytesWritten);

    /// <summary>Reads one command from the start of <paramref name="source"/>.</summary>
    /// <param name="source">The bytes, starting at the CID. Bytes after the command are ignored.</param>
    /// <param name="version">The package version the device speaks; commands whose layout does not depend on it ignore it.</param>
    /// <param name="value">The command, or default on failure.</param>
    /// <param name="bytesConsumed">The command's length, or 0 on failure.</param>
    /// <returns>
    /// <see langword="true"/> if <paramref name="source"/> starts with a complete, valid command of this type;
    /// otherwise, <see langword="false"/>.
    /// </returns>
    static abstract bool TryRead(ReadOnlySpan<byte> source, PackageVersion version, out TSelf value, out int bytesConsumed);
}
