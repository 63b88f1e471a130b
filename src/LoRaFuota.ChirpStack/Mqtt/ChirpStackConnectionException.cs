namespace LoRaFuota.ChirpStack.Mqtt;

/// <summary>The broker could not be reached or refused the connection (for example the credentials).</summary>
public sealed class ChirpStackConnectionException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="ChirpStackConnectionException"/> class.</summary>
    public ChirpStackConnectionException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ChirpStackConnectionException"/> class.</summary>
    /// <param name="message">What failed.</param>
    public ChirpStackConnectionException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ChirpStackConnectionException"/> class.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The client library's exception.</param>
    public ChirpStackConnectionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
