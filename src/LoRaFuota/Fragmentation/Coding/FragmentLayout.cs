namespace LoRaFuota.Fragmentation.Coding;

/// <summary>How a data block is cut into fragments: M = ⌈length/F⌉ uncoded fragments, the last padded with zeros.</summary>
/// <param name="BlockLength">The data block length in bytes, without padding.</param>
/// <param name="FragSize">The fragment size F in bytes (1 to 255).</param>
/// <param name="NbFrag">M, the number of uncoded fragments.</param>
/// <param name="Padding">The zero bytes added to the last fragment: M·F − length.</param>
public readonly record struct FragmentLayout(int BlockLength, int FragSize, int NbFrag, int Padding)
{
    /// <summary>The largest FragSize the FragSessionSetupReq field can carry.</summary>
    public const int MaxFragSize = byte.MaxValue;

    /// <summary>Gets the padded length M·F.</summary>
    public int PaddedLength => NbFrag * FragSize;

    /// <summary>Gets the most coded fragments a session can add: 16 383 − M.</summary>
    public int MaxRedundancy => ParityMatrix.MaxFragmentNumber - NbFrag;

    /// <summary>Cuts a block of <paramref name="blockLength"/> bytes into fragments of <paramref name="fragSize"/> bytes (TS004 §3.6 step 1).</summary>
    /// <param name="blockLength">The block length, at least 1.</param>
    /// <param name="fragSize">The fragment size, 1 to 255.</param>
    /// <returns>The layout.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The block is empty, the fragment size is out of range, or M would exceed 16 382.</exception>
    public static FragmentLayout Create(int blockLength, int fragSize)
    {
        if (fragSize is < 1 or > MaxFragSize)
        {
            throw new ArgumentOutOfRangeException(nameof(fragSize), fragSize, $"FragSize must be 1 to {MaxFragSize} bytes.");
        }

        if (blockLength < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(blockLength), blockLength, "The data block must hold at least one byte.");
        }

        FragmentLayout layout = Compute(blockLength, fragSize);
        if (layout.NbFrag >= ParityMatrix.MaxFragmentNumber)
        {
            throw new ArgumentOutOfRangeException(
                nameof(blockLength),
                blockLength,
                $"{blockLength} bytes in {fragSize}-byte fragments is {layout.NbFrag} fragments; TS004 numbers at most {ParityMatrix.MaxFragmentNumber} (M + R), so use larger fragments or a smaller image.");
        }

        return layout;
    }

    /// <summary>The layout arithmetic without the TS004 limits (the planner reports them as errors instead).</summary>
    internal static FragmentLayout Compute(int blockLength, int fragSize)
    {
        int nbFrag = (int)(((long)blockLength + fragSize - 1) / fragSize);
        return new FragmentLayout(blockLength, fragSize, nbFrag, (nbFrag * fragSize) - blockLength);
    }

    /// <summary>⌈M·percent/100⌉, without the 16 383-fragment limit.</summary>
    // Capped just above what TS004 can number, so a huge percentage is "too many", never an overflow.
    internal static int RedundancyFor(int nbFrag, double percent) =>
        (int)Math.Min(Math.Ceiling((nbFrag * percent / 100.0) - 1e-9), ParityMatrix.MaxFragmentNumber + 1);

    /// <summary>Gets the number of coded fragments for a redundancy percentage: ⌈M·percent/100⌉ (ChirpStack's rule).</summary>
    /// <param name="percent">The redundancy in percent of M, not negative.</param>
    /// <returns>R.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="percent"/> is negative or R would exceed <see cref="MaxRedundancy"/>.</exception>
    public int GetRedundancy(double percent)
    {
        if (!(percent >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(percent), percent, "The redundancy percentage must not be negative.");
        }

        int redundancy = RedundancyFor(NbFrag, percent);
        if (redundancy > MaxRedundancy)
        {
            throw new ArgumentOutOfRangeException(nameof(percent), percent, $"{redundancy} coded fragments exceed the {MaxRedundancy} left under the 16 383-fragment limit.");
        }

        return redundancy;
    }
}
