using System.CommandLine;
using LoRaFuota.Fragmentation.Coding;

namespace LoRaFuota.Cli;

/// <summary>The --ts004 and --parity options shared by fragment and reassemble.</summary>
internal static class CliParity
{
    public static Option<int> Ts004() => new("--ts004")
    {
        Description = "The TS004 version; picks the default parity variant (1: v1, 2: v2 as deployed).",
        DefaultValueFactory = _ => 2,
    };

    public static Option<string?> Parity()
    {
        var option = new Option<string?>("--parity") { Description = "The parity generator: v1, v2 (as deployed) or v2-spec (the specification's listing, opt-in)." };
        option.AcceptOnlyFromAmong("v1", "v2", "v2-spec");
        return option;
    }

    public static ParityVariant Resolve(int ts004, string? parity)
    {
        if (ts004 is not (1 or 2))
        {
            throw new CliUsageException("--ts004 must be 1 or 2.");
        }

        return parity switch
        {
            "v1" => ParityVariant.V1,
            "v2" => ParityVariant.V2,
            "v2-spec" => ParityVariant.V2Specification,
            _ => ts004 == 1 ? ParityVariant.V1 : ParityVariant.V2,
        };
    }

    public static string Name(ParityVariant variant) => variant switch
    {
        ParityVariant.V1 => "v1",
        ParityVariant.V2 => "v2",
        _ => "v2-spec",
    };
}
