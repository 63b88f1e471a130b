using System.Numerics;
using System.Runtime.CompilerServices;

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
/// The modulo is computed directly from a precomputed ⌈2^64/mod⌉ (two multiplications, exact for 32-bit states).
/// </remarks>
public static partial class ParityMatrix
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
        return generator.Fill(n, line[..GetLineLength(nbFrag)]); // bytes past the line stay as they were
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
}
