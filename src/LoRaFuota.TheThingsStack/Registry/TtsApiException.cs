using System.Net;

namespace LoRaFuota.TheThingsStack.Registry;

/// <summary>The Things Stack's API refused a call (or did not answer in time); the message says what to check.</summary>
public sealed class TtsApiException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="TtsApiException"/> class.</summary>
    public TtsApiException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="TtsApiException"/> class.</summary>
    /// <param name="message">What failed.</param>
    public TtsApiException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="TtsApiException"/> class.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The cause.</param>
    public TtsApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="TtsApiException"/> class.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="status">The HTTP status.</param>
    public TtsApiException(string message, HttpStatusCode status)
        : base(message) => Status = status;

    /// <summary>Gets the HTTP status, when the server answered.</summary>
    public HttpStatusCode? Status { get; }
}
