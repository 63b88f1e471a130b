namespace LoRaFuota.Storage;

/// <summary>A package that a running campaign sends cannot be deleted.</summary>
public sealed class PackageInUseException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="PackageInUseException"/> class.</summary>
    public PackageInUseException()
        : base("A package that a running campaign sends cannot be deleted.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="PackageInUseException"/> class.</summary>
    /// <param name="message">What happened.</param>
    public PackageInUseException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="PackageInUseException"/> class.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause.</param>
    public PackageInUseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
