
namespace LoRaFuota.Fragmentation.Coding;

/// <summary>The shape of a fragmentation session and the decoder's limits.</summary>
public sealed class FragmentDecoderOptions
{
    /// <summary>Gets or sets M, the number of uncoded fragments (1 to 16 382).</summary>
    public int NbFrag { get; set; }

    /// <summary>Gets or sets the fragment size F (1 to 255).</summary>
    public int FragSize { get; set; }

    /// <summary>Gets or sets the padding at the end of the last fragment (0 to F − 1).</summary>
    public int Padding { get; set; }

    /// <summary>Gets or sets the parity generator; it must match the encoder's.</summary>
    /// <value>The default value is <see cref="ParityVariant.V2"/>.</value>
    public ParityVariant Variant { get; set; } = ParityVariant.V2;

    /// <summary>
    /// Gets or sets the most lost uncoded fragments the decoder will repair (a device's FRAG_MAX_REDUNDANCY), or null
    /// for no limit. With a limit the matrix is allocated once, at ⌈L/64⌉·64 bits square.
    /// </summary>
    /// <value>The default value is null (no limit).</value>
    public int? MaxLostFragments { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether fragments below the highest N seen are dropped, as LoRaMac-node and LoRa
    /// Basics Modem do. Off, the decoder takes fragments in any order.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool InOrder { get; set; }

    /// <summary>
    /// Gets or sets how many coded fragments' byte work is batched (1 to 4 096). Larger batches read the block fewer
    /// times; each costs about ⌈M/8⌉·3 + ⌈F/32⌉·32 + 2·F bytes of buffers. 1 does the work fragment by fragment.
    /// </summary>
    /// <value>The default value is 128.</value>
    public int BatchSize { get; set; } = 128;

    /// <summary>Creates options matching a FragSessionSetupReq.</summary>
    /// <param name="setup">The setup request.</param>
    /// <param name="variant">The parity generator; by default V1 for a v1 setup and V2 for a v2 setup.</param>
    /// <returns>The options.</returns>
    public static FragmentDecoderOptions FromSetup(FragSessionSetupReq setup, ParityVariant? variant = null) => new()
    {
        NbFrag = setup.NbFrag,
        FragSize = setup.FragSize,
        Padding = setup.Padding,
        Variant = variant ?? (setup.Version == PackageVersion.V2 ? ParityVariant.V2 : ParityVariant.V1),
    };

    /// <summary>Throws one exception that lists every invalid setting.</summary>
    /// <exception cref="ArgumentException">At least one setting is out of range.</exception>
    public void Validate()
    {
        var errors = new List<string>();
        if (NbFrag < 1 || NbFrag >= ParityMatrix.MaxFragmentNumber)
        {
            errors.Add(FormattableString.Invariant($"NbFrag must be 1 to {ParityMatrix.MaxFragmentNumber - 1} (was {NbFrag})."));
        }

        if (FragSize is < 1 or > FragmentLayout.MaxFragSize)
        {
            errors.Add(FormattableString.Invariant($"FragSize must be 1 to {FragmentLayout.MaxFragSize} (was {FragSize})."));
        }

        if (Padding < 0 || Padding >= Math.Max(FragSize, 1))
        {
            errors.Add(FormattableString.Invariant($"Padding must be 0 to FragSize − 1 (was {Padding})."));
        }

        if (!Enum.IsDefined(Variant))
        {
            errors.Add("Variant must be V1, V2 or V2Specification.");
        }

        if (BatchSize is < 1 or > 4096)
        {
            errors.Add(FormattableString.Invariant($"BatchSize must be 1 to 4096 (was {BatchSize})."));
        }

        if (MaxLostFragments is < 0)
        {
            errors.Add(FormattableString.Invariant($"MaxLostFragments must not be negative (was {MaxLostFragments})."));
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid fragment decoder options: " + string.Join(" ", errors), "options");
        }
    }
}
