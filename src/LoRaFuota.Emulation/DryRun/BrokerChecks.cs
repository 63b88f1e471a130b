namespace LoRaFuota.Emulation.DryRun;

/// <summary>The checks every emulator setting that names a dialect and a broker shares.</summary>
internal static class BrokerChecks
{
    public static void Add(List<string> problems, NetworkServerDialect dialect, string host, int port)
    {
        if (!Enum.IsDefined(dialect))
        {
            problems.Add("Dialect must be ChirpStack or TheThingsStack.");
        }

        if (string.IsNullOrWhiteSpace(host) || port is < 1 or > 65535)
        {
            problems.Add("BrokerHost is required and BrokerPort must be 1 to 65535.");
        }
    }
}
