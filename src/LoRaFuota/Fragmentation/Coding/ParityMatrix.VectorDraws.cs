using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LoRaFuota.Fragmentation.Coding;

/// <content>The AVX2 form of a window's 16 draws.</content>
public static partial class ParityMatrix
{
    /// <summary>Computes the 16 draws of a window four at a time with AVX2, leaving the scalar multiplier free.</summary>
    /// <remarks>
    /// The remainder is x − ⌊x·c / 2^k⌋·mod with k = 23 + the bit length of mod and c = ⌈2^k/mod⌉ &lt; 2^25, so the
    /// 32×32-bit lane multiply suffices; it is exact because x·mod ≤ 2^k for every state x below 2^23. The draws come out
    /// in an order of their own, which only suits a whole window drawn without stopping (the set of columns it marks and
    /// the number of new ones do not depend on the order).
    /// </remarks>
    internal readonly struct VectorDraws : IWindowDraws
    {
        private readonly Vector256<ulong> _reciprocal;
        private readonly Vector256<ulong> _modulus;
        private readonly int _shift;

        public VectorDraws(uint modulus)
        {
            _shift = LineRemainders.StateBits + (32 - BitOperations.LeadingZeroCount(modulus));
            _reciprocal = Vector256.Create(((1UL << _shift) + modulus - 1) / modulus);
            _modulus = Vector256.Create((ulong)modulus);
        }

        /// <summary>Gets whether this machine has AVX2.</summary>
        public static bool IsSupported => Avx2.IsSupported;

        /// <inheritdoc/>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Compute(ulong window, ref uint columns)
        {
            if (!Avx2.IsSupported)
            {
                throw new PlatformNotSupportedException();
            }

            Vector256<ulong> stream = Vector256.Create(window);
            Vector256<ulong> low = Draws(stream, Vector256.Create(1UL, 2, 3, 4)) | (Draws(stream, Vector256.Create(5UL, 6, 7, 8)) << 32);
            Vector256<ulong> high = Draws(stream, Vector256.Create(9UL, 10, 11, 12)) | (Draws(stream, Vector256.Create(13UL, 14, 15, 16)) << 32);
            low.AsUInt32().StoreUnsafe(ref columns);
            high.AsUInt32().StoreUnsafe(ref columns, (nuint)Vector256<uint>.Count);
        }

        // Four draws in 64-bit lanes: the states at the given shifts, each mod the modulus.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private Vector256<ulong> Draws(Vector256<ulong> stream, Vector256<ulong> shifts)
        {
            Vector256<ulong> states = Avx2.ShiftRightLogicalVariable(stream, shifts) & Vector256.Create((ulong)LineRemainders.StateMask);
            Vector256<ulong> quotients = Avx2.Multiply(states.AsUInt32(), _reciprocal.AsUInt32()) >>> _shift;
            return states - Avx2.Multiply(quotients.AsUInt32(), _modulus.AsUInt32());
        }
    }
}
