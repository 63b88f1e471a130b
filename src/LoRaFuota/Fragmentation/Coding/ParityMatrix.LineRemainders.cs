using System.Runtime.CompilerServices;

namespace LoRaFuota.Fragmentation.Coding;

/// <content>The LFSR stream window and the column arithmetic of <see cref="LineGenerator"/>.</content>
public static partial class ParityMatrix
{
    /// <summary>Computes the 16 draws of a window at once.</summary>
    internal interface IWindowDraws
    {
        /// <summary>Writes the 16 draws of <paramref name="window"/> (in any order) to the 16 values at <paramref name="columns"/>.</summary>
        void Compute(ulong window, ref uint columns);
    }

    /// <summary>Turns a 64-bit window of the LFSR stream into the next 16 draws, state mod modulus.</summary>
    /// <remarks>
    /// Window bit i is stream bit s_(q+i): bits 0..22 are the current state and draw t (1 … 16) is the state
    /// (window &gt;&gt; t) &amp; (2^23 − 1). The remainder is x − ⌊x·c / 2^40⌋·mod with c = ⌈2^40/mod⌉, exact for any
    /// x below 2^25 (x·mod ≤ 2^40), which covers the first steps of a large seed too. Passed by value, so the hot loops
    /// keep it in registers. (Computing the 16 remainders of a window with AVX2 and reading them back measured slower.)
    /// </remarks>
    internal readonly struct LineRemainders : IWindowDraws
    {
        public const int Batch = 16;                       // draws per window; s_(n+23) needs s_(n+5) already known
        public const int StateBits = 23;                   // the LFSR state below 2^23, once a large seed has stepped down
        public const uint StateMask = (1u << StateBits) - 1;

        private const int RefillLow = 64 - StateBits;      // 41: the oldest window bit a new stream bit reads
        private const ulong RefillMask = (1UL << Batch) - 1;
        private const int ScalarShift = 40;                // exact for x < 2^25 and mod < 2^14: 2^40 > 2^25 · 2^14

        private readonly uint _modulus;
        private readonly ulong _reciprocal;                // ⌈2^40 / mod⌉

        public LineRemainders(uint modulus)
        {
            _modulus = modulus;
            _reciprocal = ((1UL << ScalarShift) + modulus - 1) / modulus;
        }

        /// <summary>Gets the modulus: M, or M + 1 when M is a power of two.</summary>
        public uint Modulus => _modulus;

        /// <summary>Builds the window whose bits 0..22 are <paramref name="state"/> (below 2^23) and the rest follow from the recurrence.</summary>
        public static ulong StartWindow(uint state)
        {
            ulong window = state;
            for (int i = 0; i < RefillLow; i++)
            {
                window |= (((window >> i) ^ (window >> (i + TapShift))) & 1) << (StateBits + i);
            }

            return window;
        }

        /// <summary>Drops the 16 oldest bits and appends s_(q+64) … s_(q+79): s_(n+23) = s_n ⊕ s_(n+5) for n = q+41 … q+56.</summary>
        public static ulong Refill(ulong window)
        {
            ulong next = ((window >> RefillLow) ^ (window >> (RefillLow + TapShift))) & RefillMask;
            return (window >> Batch) | (next << (64 - Batch));
        }

        /// <summary>Gets draw <paramref name="t"/> (1 … 16) of <paramref name="window"/>: its state mod the modulus.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public uint Draw(ulong window, int t) => Of((uint)(window >> t) & StateMask);

        /// <inheritdoc/>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Compute(ulong window, ref uint columns)
        {
            for (int t = 0; t < Batch; t++)
            {
                Unsafe.Add(ref columns, t) = Draw(window, t + 1);
            }
        }

        /// <summary>Gets x mod the modulus for any x below 2^25.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public uint Of(uint x) => x - ((uint)((x * _reciprocal) >> ScalarShift) * _modulus);
    }
}
