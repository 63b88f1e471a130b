namespace LoRaFuota.Cli.Json;

/// <summary>Constants of the command JSON shape.</summary>
internal static class CommandJson
{
    /// <summary>The property that names the command.</summary>
    public const string CommandField = "command";

    /// <summary>The most bytes one encoded command may take.</summary>
    public const int MaxPayloadBytes = 256;
}
