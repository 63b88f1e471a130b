namespace LoRaFuota.Storage;

/// <summary>The campaign's lease was lost: another instance has taken the campaign over, or the lease ran out; stop working on it.</summary>
public sealed class LeaseLostException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="LeaseLostException"/> class.</summary>
    public LeaseLostException()
        : base("The campaign's lease was lost: another instance has taken the campaign over, or the lease ran out; stop working on it.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="LeaseLostException"/> class.</summary>
    /// <param name="message">What happened.</param>
    public LeaseLostException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="LeaseLostException"/> class.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause.</param>
    public LeaseLostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
