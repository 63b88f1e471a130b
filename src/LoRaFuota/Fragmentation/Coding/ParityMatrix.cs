using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace LoRaFuota.Fragmentation.Coding;

/// <summary>The parity-row generator of TS004 §3.5: which uncoded fragments a coded fragment XORs together.</summary>
/// <remarks>
/// <code>
/// prbs23(x)  = (x &gt;&gt; 1) + (((x &amp; 1) ^ ((x &gt;&gt; 5) &amp; 1)) &lt;&lt; 22)
/// mod        = M + 1 when M is a power of two (1 and 2 included), else M
/// x          = 1 + 1001·k                    k = N − M (V1, V2) or N (V2Specification)
/// repeat ⌊M/2⌋ times (V1) or until ⌊M/2⌋ distinct columns are set (V2):
///     do { x = prbs23(x); r = x mod mod } while (r ≥ M);   set column r
/// </code>
/// The modulo is a multiply-shift by a precomputed ⌈2^40/mod⌉, exact for the 25-bit states and 14-bit moduli here.
/// </remarks>
public static class ParityMatrix
{
    /// <summary>The largest fragment number N (14 bits); M plus the number of coded fragments may not exceed it.</summary>
    public const int MaxFragmentNumber = LoRaBitConverter.MaxUInt14;

    private const int SeedStep = 1001;
    private const int FeedbackShift = 22; // feedback enters bit 22
    private const int TapShift = 5;       // taps: bits 0 and 5

    /// <summary>Gets the number of bytes of a line bitmap for <paramref name="nbFrag"/> columns: ⌈M/8⌉.</summary>
    /// <param name="nbFrag">M.</param>
    /// <returns>The bitmap length.</returns>
    public static int GetLineLength(int nbFrag) => (nbFrag + 7) >> 3;

    /// <summary>Computes the parity line of coded fragment <paramref name="n"/>.</summary>
    /// <param name="n">The coded fragment number, M + 1 to 16 383.</param>
    /// <param name="nbFrag">M, the number of uncoded fragments (1 to 16 382).</param>
    /// <param name="variant">The generator variant.</param>
    /// <param name="line">At least ⌈M/8⌉ bytes; bit (j mod 8) of byte j/8 is set when uncoded fragment j + 1 is included.</param>
    /// <returns>The number of columns set (⌊M/2⌋ for V2; up to that for V1, which may draw a column twice).</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public static int GetLine(int n, int nbFrag, ParityVariant variant, Span<byte> line)
    {
        ValidateLine(n, nbFrag, variant);
        if (line.Length < GetLineLength(nbFrag))
        {
            throw new ArgumentException($"The line needs {GetLineLength(nbFrag)} bytes for M = {nbFrag}.", nameof(line));
        }

        var generator = new LineGenerator(nbFrag, variant);
        return generator.Fill(n, line);
    }

    internal static void ValidateLine(int n, int nbFrag, ParityVariant variant)
    {
        if (nbFrag < 1 || nbFrag >= MaxFragmentNumber)
        {
            throw new ArgumentOutOfRangeException(nameof(nbFrag), nbFrag, $"NbFrag (M) must be 1 to {MaxFragmentNumber - 1}.");
        }

        if (n <= nbFrag || n > MaxFragmentNumber)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, $"A coded fragment number is M + 1 to {MaxFragmentNumber}; M + R may not exceed {MaxFragmentNumber} (TS004 §3.2).");
        }

        if (!Enum.IsDefined(variant))
        {
            throw new ArgumentOutOfRangeException(nameof(variant), variant, "Use ParityVariant.V1, V2 or V2Specification.");
        }
    }

    /// <summary>One step of the 23-bit LFSR: shift right, feed bit 0 XOR bit 5 back into bit 22.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static uint NextPrbs23(uint x) => (x >> 1) + (((x & 1) ^ ((x >> TapShift) & 1)) << FeedbackShift);

    /// <summary>Generates lines for one M and variant without re-deriving the modulus.</summary>
    /// <remarks>
    /// Once the state is below 2^23 the generator is a plain Fibonacci LFSR over a bit stream s, with
    /// state x_n = s_n … s_(n+22) and s_(n+23) = s_n ⊕ s_(n+5). A 64-bit window of s then yields 18 states per refill
    /// (shift and mask, no serial dependency between them), and 18 new stream bits come from one shift-XOR of the
    /// window. A seed at or above 2^23 (k ≥ 8 381) is stepped one by one until it falls below, because the reference
    /// adds the feedback bit rather than OR-ing it, which can carry into bit 23 for the first steps.
    /// </remarks>
    internal readonly struct LineGenerator
    {
        private const int StateBits = 23;
        private const uint StateMask = (1u << StateBits) - 1;
        private const int Batch = 18;                 // states per window refill: s_(n+23) needs s_(n+5) already known
        private const int RefillLow = 64 - StateBits; // 41: the oldest window bit a new stream bit reads
        private const ulong RefillMask = (1UL << Batch) - 1;
        private const int ReciprocalShift = 40;       // exact for x < 2^25 and M < 2^14: 2^40 > 2^25 · 2^14

        private readonly int _nbFrag;
        private readonly uint _modulus;
        private readonly ulong _reciprocal;  // ⌈2^40 / modulus⌉
        private readonly bool _distinct;
        private readonly bool _seedWithN;

        public LineGenerator(int nbFrag, ParityVariant variant)
        {
            _nbFrag = nbFrag;
            _modulus = BitOperations.IsPow2(nbFrag) ? (uint)nbFrag + 1 : (uint)nbFrag;
            _reciprocal = ((1UL << ReciprocalShift) + _modulus - 1) / _modulus;
            _distinct = variant != ParityVariant.V1;
            _seedWithN = variant == ParityVariant.V2Specification;
        }

        /// <summary>Fills the ⌈M/8⌉-byte line of coded fragment n and returns its weight.</summary>
        public int Fill(int n, Span<byte> line)
        {
            line = line[..GetLineLength(_nbFrag)];
            line.Clear();
            ref byte cells = ref MemoryMarshal.GetReference(line);
            int target = _nbFrag >> 1;
            uint x = (uint)(1 + (SeedStep * (_seedWithN ? n : n - _nbFrag)));
            int placed = 0;

            // Seeds at or above 2^23: exact scalar steps until the state is a plain 23-bit LFSR state.
            while (placed < target && x > StateMask)
            {
                x = NextPrbs23(x);
                placed += Draw(x, ref cells);
            }

            // Window bit i = s_(q+i): bits 0..22 are the current state, bits 23..63 follow from the recurrence.
            ulong window = x;
            for (int i = 0; i < RefillLow; i++)
            {
                window |= (((window >> i) ^ (window >> (i + TapShift))) & 1) << (StateBits + i);
            }

            uint nbFrag = (uint)_nbFrag;
            uint modulus = _modulus;
            ulong reciprocal = _reciprocal;
            if (!_distinct)
            {
                // TS004 v1: every draw counts, so a repeated column needs no test; the weight is counted at the end.
                while (placed < target)
                {
                    for (int t = 1; t <= Batch && placed < target; t++)
                    {
                        uint state = (uint)(window >> t) & StateMask;
                        uint r = state - ((uint)((state * reciprocal) >> ReciprocalShift) * modulus);
                        if (r < nbFrag)
                        {
                            Unsafe.Add(ref cells, (int)(r >> 3)) |= (byte)(1 << (int)(r & 7));
                            placed++;
                        }
                    }

                    window = Refill(window);
                }

                return PopCount(line);
            }

            while (placed < target)
            {
                for (int t = 1; t <= Batch && placed < target; t++)
                {
                    uint state = (uint)(window >> t) & StateMask;
                    uint r = state - ((uint)((state * reciprocal) >> ReciprocalShift) * modulus);
                    if (r >= nbFrag)
                    {
                        continue; // only when M is a power of two: r == M is redrawn
                    }

                    // Branch-free: whether the column is new is data, not control flow (it mispredicts half the time).
                    ref byte cell = ref Unsafe.Add(ref cells, (int)(r >> 3));
                    int isNew = ((cell >> (int)(r & 7)) & 1) ^ 1;
                    cell |= (byte)(1 << (int)(r & 7));
                    placed += isNew;
                }

                window = Refill(window);
            }

            return placed;
        }

        // Appends s_(q+64) … s_(q+81) and drops the 18 oldest bits: s_(n+23) = s_n ⊕ s_(n+5) for n = q+41 … q+58.
        private static ulong Refill(ulong window)
        {
            ulong next = ((window >> RefillLow) ^ (window >> (RefillLow + TapShift))) & RefillMask;
            return (window >> Batch) | (next << (64 - Batch));
        }

        private static int PopCount(ReadOnlySpan<byte> line)
        {
            int count = 0;
            foreach (byte cell in line)
            {
                count += BitOperations.PopCount(cell);
            }

            return count;
        }

        // One scalar draw; returns how much it advances the placed count (V1: every valid draw, V2: new columns).
        private int Draw(uint x, ref byte cells)
        {
            uint r = x - ((uint)((x * _reciprocal) >> ReciprocalShift) * _modulus);
            if (r >= (uint)_nbFrag)
            {
                return 0;
            }

            ref byte cell = ref Unsafe.Add(ref cells, (int)(r >> 3));
            int isNew = ((cell >> (int)(r & 7)) & 1) ^ 1;
            cell |= (byte)(1 << (int)(r & 7));
            return _distinct ? isNew : 1;
        }
    }
}
