using LoRaFuota.Fragmentation.Coding;
using LoRaFuota.Packages;

namespace LoRaFuota.Fragmentation;

/// <summary>DataFragment (downlink, unicast or multicast, CID 0x08): one fragment of a data block, uncoded (N ≤ M) or coded (N &gt; M).</summary>
/// <remarks>
/// <code>
/// +-----+--------------------------------------+---------------------+
/// | CID | Index&amp;N (u16 LE)                      | Payload             |
/// |  1  | FragIndex 15:14 | N 13:0 (1-based)   | FragSize bytes      |
/// +-----+--------------------------------------+---------------------+
/// </code>
/// TS004 §3.5. A DataFragment is the only command in its frame, so its payload runs to the end of the frame.
/// The payload is a view of the caller's buffer; reading and writing never copy more than once or allocate.
/// N = 0 is illegal (fragments are numbered from 1).
/// </remarks>
public readonly ref struct DataFragment
{
    /// <summary>The command identifier.</summary>
    public const byte Cid = 0x08;

    /// <summary>The header length in bytes: CID and Index&amp;N.</summary>
    public const int HeaderLength = 3;

    /// <summary>The largest fragment number, 2^14 − 1.</summary>
    public const int MaxN = LoRaBitConverter.MaxUInt14;

    private const int IndexOffset = 1;

    /// <summary>Initializes a new instance of the <see cref="DataFragment"/> struct.</summary>
    /// <param name="fragIndex">The session, 0 to 3.</param>
    /// <param name="n">The fragment number, 1 to 16 383.</param>
    /// <param name="payload">The fragment bytes.</param>
    public DataFragment(byte fragIndex, ushort n, ReadOnlySpan<byte> payload)
    {
        FragIndex = fragIndex;
        N = n;
        Payload = payload;
    }

    /// <summary>Gets the session index, 0 to 3.</summary>
    public byte FragIndex { get; }

    /// <summary>Gets the fragment number, from 1.</summary>
    public ushort N { get; }

    /// <summary>Gets the fragment bytes.</summary>
    public ReadOnlySpan<byte> Payload { get; }

    /// <summary>Gets the encoded length: 3 + the payload length.</summary>
    /// <returns>The length in bytes.</returns>
    public int GetByteCount() => HeaderLength + Payload.Length;

    /// <summary>Reads a DataFragment that spans the whole of <paramref name="source"/>.</summary>
    /// <param name="source">The FRMPayload, starting at the CID.</param>
    /// <param name="value">The fragment (its payload is a view of <paramref name="source"/>), or default on failure.</param>
    /// <param name="bytesConsumed">The length of <paramref name="source"/>, or 0 on failure.</param>
    /// <returns>
    /// <see langword="true"/> if <paramref name="source"/> is a DataFragment with N ≥ 1 and at most 255 payload bytes (FragSize
    /// is one octet); otherwise, <see langword="false"/>.
    /// </returns>
    public static bool TryRead(ReadOnlySpan<byte> source, out DataFragment value, out int bytesConsumed)
    {
        value = default;
        bytesConsumed = 0;
        if (source.Length < HeaderLength || source[0] != Cid || source.Length - HeaderLength > FragmentLayout.MaxFragSize)
        {
            return false;
        }

        (ushort n, byte index) = LoRaBitConverter.ReadUInt14WithIndex(source[IndexOffset..]);
        if (n == 0)
        {
            return false; // TS004 §3.5: N starts at 1
        }

        value = new DataFragment(index, n, source[HeaderLength..]);
        bytesConsumed = source.Length;
        return true;
    }

    /// <summary>Writes the 3-byte header of a DataFragment, so an encoder can produce the payload in place after it.</summary>
    /// <param name="destination">At least 3 bytes.</param>
    /// <param name="fragIndex">The session, 0 to 3.</param>
    /// <param name="n">The fragment number, 1 to 16 383.</param>
    /// <exception cref="ArgumentOutOfRangeException">A field is out of range.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than 3 bytes.</exception>
    public static void WriteHeader(Span<byte> destination, byte fragIndex, int n)
    {
        FieldGuard.Bits(fragIndex, 2);
        if (n < 1 || n > MaxN)
        {
            ThrowHelper.ThrowFieldOutOfRange(nameof(n), n, 1, MaxN);
        }

        if (destination.Length < HeaderLength)
        {
            ThrowHelper.ThrowArgument(nameof(destination), $"A DataFragment header needs {HeaderLength} bytes.");
        }

        destination[0] = Cid;
        LoRaBitConverter.WriteUInt14WithIndex(destination[IndexOffset..], n, fragIndex);
    }

    /// <summary>Writes the header and the payload.</summary>
    /// <param name="destination">The buffer.</param>
    /// <param name="bytesWritten">3 + the payload length, or 0 when <paramref name="destination"/> is too small.</param>
    /// <returns><see langword="true"/> if the fragment fit; otherwise, <see langword="false"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="N"/> or <see cref="FragIndex"/> is out of range.</exception>
    public bool TryWrite(Span<byte> destination, out int bytesWritten)
    {
        bytesWritten = 0;
        FieldGuard.Bits(FragIndex, 2);
        if (Payload.Length > FragmentLayout.MaxFragSize)
        {
            ThrowHelper.ThrowArgument(nameof(Payload), $"A DataFragment carries at most {FragmentLayout.MaxFragSize} payload bytes (FragSize is one octet).");
        }

        if (N < 1 || N > MaxN)
        {
            ThrowHelper.ThrowFieldOutOfRange(nameof(N), N, 1, MaxN);
        }

        if (destination.Length < GetByteCount())
        {
            return false;
        }

        WriteHeader(destination, FragIndex, N);
        Payload.CopyTo(destination[HeaderLength..]);
        bytesWritten = GetByteCount();
        return true;
    }
}
