namespace LoRaFuota.Hosting;

/// <summary>The network server refused an operation (not a connection hiccup the transport retries itself).</summary>
public sealed class FuotaTransportException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="FuotaTransportException"/> class.</summary>
    public FuotaTransportException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="FuotaTransportException"/> class.</summary>
    /// <param name="message">What the server said.</param>
    public FuotaTransportException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="FuotaTransportException"/> class.</summary>
    /// <param name="message">What the server said.</param>
    /// <param name="innerException">The underlying failure.</param>
    public FuotaTransportException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
