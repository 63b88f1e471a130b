using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace LoRaFuota.Fragmentation.Coding;

/// <content>The fast line generator behind <see cref="GetLine"/>, the encoder and the decoder.</content>
public static partial class ParityMatrix
{
    /// <summary>Generates lines for one M and variant without re-deriving the modulus.</summary>
    /// <remarks>
    /// Once the state is below 2^23 the generator is a plain Fibonacci LFSR over a bit stream s, with
    /// state x_n = s_n … s_(n+22) and s_(n+23) = s_n ⊕ s_(n+5). A 64-bit window of s then yields 16 states per refill
    /// (shift and mask, no serial dependency between them), and 16 new stream bits come from one shift-XOR of the
    /// window. A seed at or above 2^23 (k ≥ 8 381) is stepped one by one until it falls below, because the reference
    /// adds the feedback bit rather than OR-ing it, which can carry into bit 23 for the first steps.
    /// Columns are marked in a byte per column and packed to bits at the end. While at least 16 columns remain to be
    /// placed, whole windows are drawn without counting checks (16 draws cannot overshoot; V2 draws runs of windows and
    /// counts the marks afterwards); the last few draws, and a power-of-two M's, are checked one by one.
    /// </remarks>
    internal readonly struct LineGenerator
    {
        private const int FlagBlock = 32;                                          // flag bytes per packed 32-bit group
        private const int MaxBlocks = (MaxFragmentNumber + FlagBlock - 1) / FlagBlock;
        private const int Batch = LineRemainders.Batch;
        private const int MinCountedRun = 4;                                       // windows worth a count of the flags

        private readonly LineRemainders _remainders;
        private readonly VectorDraws _vector;
        private readonly bool _vectorized;
        private readonly int _nbFrag;
        private readonly bool _distinct;
        private readonly bool _seedWithN;

        public LineGenerator(int nbFrag, ParityVariant variant)
            : this(nbFrag, variant, VectorDraws.IsSupported)
        {
        }

        /// <summary>Initializes a generator; <paramref name="vectorized"/> false forces the portable path (tests compare the two).</summary>
        public LineGenerator(int nbFrag, ParityVariant variant, bool vectorized)
        {
            _nbFrag = nbFrag;
            uint modulus = BitOperations.IsPow2(nbFrag) ? (uint)nbFrag + 1 : (uint)nbFrag;
            _remainders = new LineRemainders(modulus);
            _vectorized = vectorized && VectorDraws.IsSupported;
            _vector = new VectorDraws(modulus);
            _distinct = variant != ParityVariant.V1;
            _seedWithN = variant == ParityVariant.V2Specification;
        }

        /// <summary>Fills the ⌈M/8⌉-byte line of coded fragment n and returns its weight.</summary>
        /// <remarks>A line of at least ⌈M/32⌉·4 bytes is written in place; a shorter one goes through a stack copy.</remarks>
        public int Fill(int n, Span<byte> line)
        {
            int blocks = (_nbFrag + FlagBlock - 1) / FlagBlock;
            Span<byte> flags = stackalloc byte[blocks * FlagBlock]; // zeroed
            int weight = Draw(n, flags);
            if (line.Length >= blocks * sizeof(uint))
            {
                return Pack(flags, line, weight);
            }

            Span<byte> packed = stackalloc byte[MaxBlocks * sizeof(uint)];
            weight = Pack(flags, packed, weight);
            packed[..GetLineLength(_nbFrag)].CopyTo(line);
            return weight;
        }

        // Draws the line into one flag byte per column (0 or 0xFF): a byte store per draw, where setting a bit in a word
        // would be a read-modify-write of one of only ⌈M/64⌉ words, which stalls whenever nearby draws share a word.
        // Returns the weight for V2; V1's is counted when packing.
        private int Draw(int n, Span<byte> flags)
        {
            ref byte cells = ref MemoryMarshal.GetReference(flags);
            LineRemainders remainders = _remainders;
            int target = _nbFrag >> 1;
            uint nbFrag = (uint)_nbFrag;
            uint x = (uint)(1 + (SeedStep * (_seedWithN ? n : n - _nbFrag)));
            int placed = 0;

            // Seeds at or above 2^23: exact scalar steps until the state is a plain 23-bit LFSR state.
            while (placed < target && x > LineRemainders.StateMask)
            {
                x = NextPrbs23(x);
                uint r = remainders.Of(x);
                if (r < nbFrag)
                {
                    placed += _distinct ? SetDistinct(ref cells, r) : SetRepeating(ref cells, r);
                }
            }

            ulong window = LineRemainders.StartWindow(x);
            if (remainders.Modulus == nbFrag)
            {
                // M is not a power of two, so every draw is a column: whole windows run without checks or branches.
                placed = _vectorized
                    ? DrawWindows(_vector, flags, ref window, placed, target)
                    : DrawWindows(remainders, flags, ref window, placed, target);
            }

            // The last draws of every line, and all of them when M is a power of two (r = M is drawn again).
            for (int t = 1; placed < target; t++)
            {
                if (t > Batch)
                {
                    window = LineRemainders.Refill(window);
                    t = 1;
                }

                uint r = remainders.Draw(window, t);
                if (r < nbFrag)
                {
                    placed += _distinct ? SetDistinct(ref cells, r) : SetRepeating(ref cells, r);
                }
            }

            return placed;
        }

        // Whole windows, each computed at once (AVX2 where present: about a third faster than two scalar multiplications
        // per draw, which share one multiplier) and then marked.
        // V2 needs to know how many columns are new; while many remain, whole runs of windows are marked with plain
        // stores and the marks counted afterwards (a read per draw costs more than a count of the flags per run).
        // Generic over the struct, so each form gets its own code and no branch in the loop.
        private int DrawWindows<TDraws>(TDraws draws, Span<byte> flags, ref ulong window, int placed, int target)
            where TDraws : struct, IWindowDraws
        {
            ref byte cells = ref MemoryMarshal.GetReference(flags);
            Span<uint> buffer = stackalloc uint[Batch];
            ref uint columns = ref MemoryMarshal.GetReference(buffer);
            if (!_distinct)
            {
                int windows = (target - placed) / Batch;
                window = Mark(draws, ref cells, ref columns, window, windows);
                return placed + (windows * Batch);
            }

            ulong stream = window; // a local: the loops below would otherwise store it through the reference every window
            while (target - placed >= MinCountedRun * Batch)
            {
                stream = Mark(draws, ref cells, ref columns, stream, (target - placed) / Batch);
                placed = CountMarked(flags);
            }

            while (target - placed >= Batch)
            {
                draws.Compute(stream, ref columns);
                for (nint t = 0; t < Batch; t += 2)
                {
                    placed += SetDistinct(ref cells, Unsafe.Add(ref columns, t)) + SetDistinct(ref cells, Unsafe.Add(ref columns, t + 1));
                }

                stream = LineRemainders.Refill(stream);
            }

            window = stream;
            return placed;
        }

        // Marks the draws of the given number of windows with plain stores; returns the window after them.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static ulong Mark<TDraws>(TDraws draws, ref byte cells, ref uint columns, ulong window, int windows)
            where TDraws : struct, IWindowDraws
        {
            for (; windows > 0; windows--)
            {
                draws.Compute(window, ref columns);
                for (nint t = 0; t < Batch; t += 2)
                {
                    SetRepeating(ref cells, Unsafe.Add(ref columns, t));
                    SetRepeating(ref cells, Unsafe.Add(ref columns, t + 1));
                }

                window = LineRemainders.Refill(window);
            }

            return window;
        }

        private static int CountMarked(ReadOnlySpan<byte> flags)
        {
            ref byte cells = ref MemoryMarshal.GetReference(flags);
            int count = 0;
            for (nuint block = 0; block < (nuint)flags.Length; block += FlagBlock)
            {
                count += BitOperations.PopCount(Vector256.LoadUnsafe(ref cells, block).ExtractMostSignificantBits());
            }

            return count;
        }

        // 32 flag bytes become the 4 line bytes of the same columns (bit j mod 8 of byte j/8); the padding flags are 0.
        private int Pack(ReadOnlySpan<byte> flags, Span<byte> line, int weight)
        {
            ref byte cells = ref MemoryMarshal.GetReference(flags);
            int blocks = flags.Length / FlagBlock;
            line = line[..(blocks * sizeof(uint))];
            int count = 0;
            for (int block = 0; block < blocks; block++)
            {
                uint bits = Vector256.LoadUnsafe(ref cells, (nuint)(block * FlagBlock)).ExtractMostSignificantBits();
                BinaryPrimitives.WriteUInt32LittleEndian(line[(block * sizeof(uint))..], bits);
                count += BitOperations.PopCount(bits);
            }

            // TS004 v1 counts draws, not columns: a column drawn twice is set once, so the weight is what was set.
            return _distinct ? weight : count;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static int SetRepeating(ref byte cells, uint r)
        {
            Unsafe.Add(ref cells, r) = byte.MaxValue;
            return 1;
        }

        // Whether the column is new is data, not control flow: a branch on it mispredicts half the time.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static int SetDistinct(ref byte cells, uint r)
        {
            ref byte cell = ref Unsafe.Add(ref cells, r);
            int isNew = ~cell & 1;
            cell = byte.MaxValue;
            return isNew;
        }
    }
}
