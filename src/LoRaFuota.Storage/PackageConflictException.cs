namespace LoRaFuota.Storage;

/// <summary>A package with the same title and version is already in the repository.</summary>
public sealed class PackageConflictException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="PackageConflictException"/> class.</summary>
    public PackageConflictException()
        : base("A package with the same title and version is already in the repository.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="PackageConflictException"/> class.</summary>
    /// <param name="message">What happened.</param>
    public PackageConflictException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="PackageConflictException"/> class.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause.</param>
    public PackageConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
