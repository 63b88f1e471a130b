namespace LoRaFuota.Cli;

/// <summary>The streams a command reads and writes; tests pass their own.</summary>
/// <param name="Input">Standard input.</param>
/// <param name="Output">Standard output.</param>
/// <param name="Error">Standard error.</param>
/// <param name="Interactive">Whether standard error is a terminal (live progress may be drawn there).</param>
/// <param name="Stop">Signalled by Ctrl+C or SIGTERM: long-running commands (emulate, serve) end cleanly.</param>
internal sealed record CliContext(TextReader Input, TextWriter Output, TextWriter Error, bool Interactive = false, CancellationToken Stop = default);
