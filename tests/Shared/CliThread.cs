using System.Text.Json;
using LoRaFuota.Cli;

namespace LoRaFuota.Testing;

/// <summary>
/// A long-running <c>lorafuota</c> command (emulate, serve) on a thread of its own in this process, stopped as Ctrl+C
/// would stop it; its JSON Lines output is read by event name.
/// </summary>
internal sealed class CliThread : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();
    private readonly Task<int> _exit;

    private CliThread(string[] args, TimeProvider clock)
    {
        TextWriter output = TextWriter.Synchronized(_output);
        TextWriter error = TextWriter.Synchronized(_error);
        _exit = Task.Run(() => LoRaFuotaCli.Run(args, TextReader.Null, output, error, clock, _stop.Token));
    }

    public string Error => Text(_error);

    public static CliThread Start(string[] args, TimeProvider clock) => new(args, clock);

    /// <summary>Waits (at most 20 s) for the JSON line whose <c>event</c> is <paramref name="name"/>.</summary>
    public async Task<JsonElement> WaitForAsync(string name)
    {
        for (int i = 0; i < 400 && !_exit.IsCompleted; i++)
        {
            if (Line(name) is JsonElement line)
            {
                return line;
            }

            await Task.Delay(50);
        }

        throw new InvalidOperationException($"no '{name}' line: exit {(_exit.IsCompleted ? _exit.Result : -1)}, {Error}");
    }

    /// <summary>Stops the command as Ctrl+C does and returns its exit code.</summary>
    public async Task<int> StopAsync()
    {
        await _stop.CancelAsync();
        return await _exit.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public JsonElement? Line(string name)
    {
        foreach (string line in Text(_output).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using JsonDocument document = JsonDocument.Parse(line);
            if (document.RootElement.TryGetProperty("event", out JsonElement kind) && kind.GetString() == name)
            {
                return document.RootElement.Clone();
            }
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private static string Text(StringWriter writer)
    {
        lock (writer)
        {
            return writer.ToString();
        }
    }
}
