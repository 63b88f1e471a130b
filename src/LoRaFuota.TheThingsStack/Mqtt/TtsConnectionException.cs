namespace LoRaFuota.TheThingsStack.Mqtt;

/// <summary>The broker could not be reached or refused the connection (for example the application id or the API key).</summary>
public sealed class TtsConnectionException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="TtsConnectionException"/> class.</summary>
    public TtsConnectionException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="TtsConnectionException"/> class.</summary>
    /// <param name="message">What failed.</param>
    public TtsConnectionException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="TtsConnectionException"/> class.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The client library's exception.</param>
    public TtsConnectionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
