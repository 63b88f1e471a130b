using System.Security.Cryptography;

namespace LoRaFuota.Security;

/// <summary>AES-128-CMAC (RFC 4493) built on the BCL's AES, for the TS004 v2 data-block MIC.</summary>
/// <remarks>
/// All blocks but the last go through one AES-CBC pass with a zero IV (CBC-MAC), in chunks on the stack, so a 1 MiB
/// block costs a handful of calls rather than 65 536. The last block is XORed with subkey K1 (complete) or padded
/// with 10…0 and XORed with K2 (incomplete), then encrypted once more.
/// </remarks>
public static class AesCmac
{
    /// <summary>The MAC length in bytes.</summary>
    public const int MacLength = 16;

    private const int BlockSize = 16;
    private const int ChunkSize = 4096;
    private const byte Rb = 0x87; // RFC 4493 §2.3 constant for 128-bit blocks
    private const byte PaddingMarker = 0x80;

    /// <summary>Computes the CMAC of <paramref name="message"/>.</summary>
    /// <param name="key">The AES-128 key.</param>
    /// <param name="message">The message.</param>
    /// <param name="destination">At least 16 bytes; receives the MAC.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than 16 bytes.</exception>
    public static void Compute(Key128 key, ReadOnlySpan<byte> message, Span<byte> destination) =>
        Compute(key, [], message, destination);

    /// <summary>Computes the CMAC of <paramref name="prefix"/> ‖ <paramref name="message"/> without concatenating them.</summary>
    /// <param name="key">The AES-128 key.</param>
    /// <param name="prefix">A prefix whose length is a multiple of 16 bytes (TS004 v2 uses the 16-byte B0 block).</param>
    /// <param name="message">The rest of the message.</param>
    /// <param name="destination">At least 16 bytes; receives the MAC.</param>
    /// <exception cref="ArgumentException">The prefix length is not a multiple of 16, or <paramref name="destination"/> is too short.</exception>
    public static void Compute(Key128 key, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> message, Span<byte> destination)
    {
        if (prefix.Length % BlockSize != 0)
        {
            throw new ArgumentException("The prefix must be a whole number of 16-byte blocks.", nameof(prefix));
        }

        if (destination.Length < MacLength)
        {
            throw new ArgumentException($"The MAC needs {MacLength} bytes.", nameof(destination));
        }

        using Aes aes = AesBlock.Create(key);
        Span<byte> state = stackalloc byte[BlockSize];
        state.Clear();

        // The last block (possibly empty) of the whole message is handled apart from the CBC-MAC chain.
        int total = prefix.Length + message.Length;
        int lastLength = total == 0 ? 0 : ((total - 1) % BlockSize) + 1;
        int chained = total - lastLength;
        int fromPrefix = Math.Min(chained, prefix.Length);
        Chain(aes, prefix[..fromPrefix], state);
        Chain(aes, message[..(chained - fromPrefix)], state);

        Span<byte> last = stackalloc byte[BlockSize];
        last.Clear();
        ReadOnlySpan<byte> tail = chained >= prefix.Length ? message[(chained - prefix.Length)..] : prefix[chained..];
        tail.CopyTo(last);

        Span<byte> subkey = stackalloc byte[BlockSize];
        DeriveSubkeys(aes, subkey, complete: lastLength == BlockSize && total > 0);
        if (!(lastLength == BlockSize && total > 0))
        {
            last[lastLength] = PaddingMarker;
        }

        for (int i = 0; i < BlockSize; i++)
        {
            state[i] ^= (byte)(last[i] ^ subkey[i]);
        }

        aes.EncryptEcb(state, destination[..MacLength], PaddingMode.None);
        CryptographicOperations.ZeroMemory(subkey);
    }

    // CBC-encrypts whole blocks with IV = state and leaves the last cipher block in state.
    private static void Chain(Aes aes, ReadOnlySpan<byte> blocks, Span<byte> state)
    {
        Span<byte> output = stackalloc byte[ChunkSize];
        while (!blocks.IsEmpty)
        {
            int length = Math.Min(ChunkSize, blocks.Length);
            aes.EncryptCbc(blocks[..length], state, output[..length], PaddingMode.None);
            output.Slice(length - BlockSize, BlockSize).CopyTo(state);
            blocks = blocks[length..];
        }
    }

    // RFC 4493 §2.3: L = AES(K, 0); K1 = L << 1 (xor Rb if msb); K2 = K1 << 1 (xor Rb if msb).
    private static void DeriveSubkeys(Aes aes, Span<byte> subkey, bool complete)
    {
        Span<byte> zero = stackalloc byte[BlockSize];
        zero.Clear();
        aes.EncryptEcb(zero, subkey, PaddingMode.None);
        ShiftLeftOne(subkey);
        if (!complete)
        {
            ShiftLeftOne(subkey);
        }
    }

    private static void ShiftLeftOne(Span<byte> block)
    {
        bool msb = (block[0] & 0x80) != 0;
        for (int i = 0; i < BlockSize - 1; i++)
        {
            block[i] = (byte)((block[i] << 1) | (block[i + 1] >> 7));
        }

        block[BlockSize - 1] = (byte)(block[BlockSize - 1] << 1);
        if (msb)
        {
            block[BlockSize - 1] ^= Rb;
        }
    }
}
