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

    /// <summary>Wraps a library's caller-mistake exception, keeping only its first sentence-line (no "(Parameter …)" tail).</summary>
    public static CliUsageException From(ArgumentException exception, string? prefix = null)
    {
        string message = exception.Message.Split(" (Parameter", 2)[0].Split('\n', 2)[0].Trim();
        return new CliUsageException(prefix is null ? message : $"{prefix}: {message}", exception);
    }
}
