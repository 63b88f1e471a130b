namespace LoRaFuota.Cli;

/// <summary>A mistake in what the user gave the tool; its message is printed as one line and the exit code is 2.</summary>
internal sealed class CliUsageException : Exception
{
    public CliUsageException(string message)
        : base(message)
    {
    }

    public CliUsageException()
    {
    }

    public CliUsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
