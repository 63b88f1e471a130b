using LoRaFuota.Cli;

namespace LoRaFuota.Tests.TestUtilities;

internal sealed record CliResult(int ExitCode, string Output, string Error)
{
    public string[] Lines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>
    /// Asserts the CLI contract for a caller mistake: exit code 2, exactly one line on stderr, and that line is the
    /// expected error (it contains <paramref name="expected"/>), so a test cannot pass on some other mistake.
    /// </summary>
    public void AssertUsageError(string expected)
    {
        Assert.Equal(2, ExitCode);
        Assert.Contains(expected, Assert.Single(Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }
}

internal static class CliRunner
{
    public static CliResult RunWithInput(string stdin, params string[] args)
    {
        using var input = new StringReader(stdin);
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = LoRaFuotaCli.Run(args, input, output, error);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    public static CliResult Run(params string[] args) => RunWithInput(string.Empty, args);
}
