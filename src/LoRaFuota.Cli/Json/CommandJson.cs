namespace LoRaFuota.Cli.Json;

/// <summary>Constants of the command JSON shape.</summary>
internal static class CommandJson
{
    /// <summary>The property that names the command.</summary>
    public const string CommandField = "command";

    /// <summary>The most bytes one encoded command may take: a DataFragment with 255 payload bytes.</summary>
    public const int MaxCommandBytes = Fragmentation.DataFragment.HeaderLength + Fragmentation.Coding.FragmentLayout.MaxFragSize;

    private const int MaxQuotedLength = 48;

    /// <summary>Quotes text from the input for an error message: escaped as JSON (no raw control characters), shortened.</summary>
    public static string Quote(string text)
    {
        string escaped = System.Text.Json.JsonEncodedText.Encode(text).ToString();
        return "\"" + (escaped.Length > MaxQuotedLength ? escaped[..MaxQuotedLength] + "…" : escaped) + "\"";
    }
}
