namespace LoRaFuota.ChirpStack.Api;

/// <summary>ChirpStack's API refused or failed a call; <see cref="StatusCode"/> is the gRPC status name.</summary>
public sealed class ChirpStackApiException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="ChirpStackApiException"/> class.</summary>
    public ChirpStackApiException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ChirpStackApiException"/> class.</summary>
    /// <param name="message">What failed.</param>
    public ChirpStackApiException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ChirpStackApiException"/> class.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The gRPC exception.</param>
    public ChirpStackApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets the gRPC status (e.g. <c>Unauthenticated</c>, <c>NotFound</c>, <c>Unavailable</c>).</summary>
    public string StatusCode { get; init; } = string.Empty;
}
