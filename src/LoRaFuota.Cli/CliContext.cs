namespace LoRaFuota.Cli;

/// <summary>The streams a command reads and writes; tests pass their own.</summary>
internal sealed record CliContext(TextReader Input, TextWriter Output, TextWriter Error);
