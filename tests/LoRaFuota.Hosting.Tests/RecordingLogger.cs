using Microsoft.Extensions.Logging;

namespace LoRaFuota.Hosting.Tests;

/// <summary>An <see cref="ILogger{T}"/> that keeps every record, formatted, for assertions.</summary>
internal sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly List<(LogLevel Level, EventId Id, string Message)> _records = [];

    public IReadOnlyList<(LogLevel Level, EventId Id, string Message)> Records
    {
        get
        {
            lock (_records)
            {
                return [.. _records];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_records)
        {
            _records.Add((logLevel, eventId, formatter(state, exception) + (exception is null ? string.Empty : " " + exception)));
        }
    }
}
