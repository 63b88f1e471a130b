namespace LoRaFuota.Fuzz.Driver;

/// <summary>
/// One thing fed untrusted bytes. <see cref="Execute"/> throws only for a finding: an exception the code under test
/// must not throw for any input, or a broken invariant. What the contract allows (a usage error for bad JSON, an
/// <see cref="ArgumentException"/> for bad options) is caught inside the target.
/// </summary>
internal interface IFuzzTarget
{
    /// <summary>The name used on the command line and for regression files.</summary>
    string Name { get; }

    /// <summary>Valid inputs the mutator starts from.</summary>
    IReadOnlyList<byte[]> Seeds { get; }

    /// <summary>Runs one input; returns a small feature number (how far the input got) the driver uses to keep inputs that reach new places.</summary>
    int Execute(ReadOnlySpan<byte> input);
}
