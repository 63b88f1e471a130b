namespace LoRaFuota.Storage;

/// <summary>A device is in another running campaign already: a device takes part in one campaign at a time.</summary>
public sealed class DeviceBusyException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="DeviceBusyException"/> class.</summary>
    public DeviceBusyException()
        : base("A device is in another running campaign.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="DeviceBusyException"/> class.</summary>
    /// <param name="message">What happened.</param>
    public DeviceBusyException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="DeviceBusyException"/> class.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause.</param>
    public DeviceBusyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
