using System.Security.Cryptography;

namespace LoRaFuota.Security;

/// <summary>Single-block AES-128 helpers over the BCL, shared by the key derivations and the CMAC.</summary>
internal static class AesBlock
{
    public static Aes Create(Key128 key)
    {
        var aes = Aes.Create();
        Span<byte> raw = stackalloc byte[Key128.Length];
        key.CopyTo(raw);
        aes.SetKey(raw);
        CryptographicOperations.ZeroMemory(raw);
        return aes;
    }

    public static Key128 Encrypt(Key128 key, ReadOnlySpan<byte> block)
    {
        using Aes aes = Create(key);
        Key128 result = default;
        aes.EncryptEcb(block, result, PaddingMode.None);
        return result;
    }

    public static Key128 Decrypt(Key128 key, ReadOnlySpan<byte> block)
    {
        using Aes aes = Create(key);
        Key128 result = default;
        aes.DecryptEcb(block, result, PaddingMode.None);
        return result;
    }

    /// <summary>Encrypts the block <c>prefix | pad16</c> under <paramref name="key"/>.</summary>
    public static Key128 EncryptConstant(Key128 key, byte prefix)
    {
        Span<byte> block = stackalloc byte[Key128.Length];
        block.Clear();
        block[0] = prefix;
        return Encrypt(key, block);
    }
}
