using System.Buffers.Binary;
using System.Security.Cryptography;

namespace LoRaFuota.Simulation;

/// <summary>A deterministic stand-in for a firmware image: SHA-256 in counter mode, the same bytes on every machine.</summary>
public static class SampleImage
{
    /// <summary>Creates an image of <paramref name="size"/> bytes.</summary>
    /// <param name="size">The size in bytes, at least 1.</param>
    /// <returns>The image.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is below 1.</exception>
    public static byte[] Create(int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        byte[] image = new byte[size];
        Span<byte> counter = stackalloc byte[sizeof(int)];
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        for (int offset = 0, block = 0; offset < size; offset += hash.Length, block++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(counter, block);
            SHA256.HashData(counter, hash);
            hash[..Math.Min(hash.Length, size - offset)].CopyTo(image.AsSpan(offset));
        }

        return image;
    }
}
