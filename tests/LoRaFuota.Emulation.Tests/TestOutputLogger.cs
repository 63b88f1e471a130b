using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace LoRaFuota.Emulation.Tests;

/// <summary>Writes a component's log to the test's output, so a failing run says what happened.</summary>
internal sealed class TestOutputLogger<T>(ITestOutputHelper output) : ILogger<T>
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        try
        {
            output.WriteLine($"{logLevel} {typeof(T).Name}: {formatter(state, exception)} {exception?.Message}");
        }
        catch (InvalidOperationException)
        {
            // the test has ended
        }
    }
}
