namespace LoRaFuota.Fuzz.Driver;

/// <summary>A broken invariant found by a target (an unexpected exception is a finding too).</summary>
internal sealed class FuzzFinding : Exception
{
    public FuzzFinding(string message)
        : base(message)
    {
    }

    public FuzzFinding()
    {
    }

    public FuzzFinding(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public static void Check(bool condition, string invariant)
    {
        if (!condition)
        {
            throw new FuzzFinding(invariant);
        }
    }
}
