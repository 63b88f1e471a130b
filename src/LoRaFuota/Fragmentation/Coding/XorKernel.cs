using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace LoRaFuota.Fragmentation.Coding;

/// <summary>Wide XOR of byte spans: Vector512 or Vector256 where the hardware accelerates it, 64-bit words otherwise.</summary>
internal static class XorKernel
{
    /// <summary><paramref name="destination"/> ^= <paramref name="source"/> over the length of <paramref name="destination"/>.</summary>
    public static void Xor(Span<byte> destination, ReadOnlySpan<byte> source)
    {
        ref byte d = ref MemoryMarshal.GetReference(destination);
        ref byte s = ref MemoryMarshal.GetReference(source);
        nuint length = (nuint)destination.Length;
        nuint i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i + 64 <= length; i += 64)
            {
                Vector512.StoreUnsafe(Vector512.LoadUnsafe(ref d, i) ^ Vector512.LoadUnsafe(ref s, i), ref d, i);
            }
        }

        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 32 <= length; i += 32)
            {
                Vector256.StoreUnsafe(Vector256.LoadUnsafe(ref d, i) ^ Vector256.LoadUnsafe(ref s, i), ref d, i);
            }
        }

        for (; i + 8 <= length; i += 8)
        {
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref d, i), Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref d, i)) ^ Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref s, i)));
        }

        for (; i < length; i++)
        {
            Unsafe.Add(ref d, i) ^= Unsafe.Add(ref s, i);
        }
    }

    /// <summary>XORs 64-bit words: <paramref name="destination"/> ^= <paramref name="source"/>.</summary>
    public static void Xor(Span<ulong> destination, ReadOnlySpan<ulong> source) =>
        Xor(MemoryMarshal.AsBytes(destination), MemoryMarshal.AsBytes(source));
}
