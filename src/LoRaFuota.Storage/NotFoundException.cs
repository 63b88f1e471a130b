namespace LoRaFuota.Storage;

/// <summary>The package or campaign does not exist.</summary>
public sealed class NotFoundException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="NotFoundException"/> class.</summary>
    public NotFoundException()
        : base("The package or campaign does not exist.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="NotFoundException"/> class.</summary>
    /// <param name="message">What happened.</param>
    public NotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="NotFoundException"/> class.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause.</param>
    public NotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
