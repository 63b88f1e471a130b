using LoRaFuota.Fuzz.Driver;

namespace LoRaFuota.Fuzz;

/// <summary>
/// The CI side of the fuzzing: a bounded smoke run of every target (fixed seed, a few thousand inputs each), every
/// input that once found something (Regressions/TARGET/*.bin), and a check that the driver does report a finding.
/// The long runs are <c>dotnet run -c Release --project tests/LoRaFuota.Fuzz -- run</c> (docs/fuzzing.md).
/// </summary>
public sealed class FuzzTests
{
    public static TheoryData<string, int> Budgets() => new()
    {
        { "payload", 20_000 },
        { "codec", 20_000 },
        { "decoder", 5_000 },
        { "encode-json", 10_000 },
        { "planner", 300 },
        { "fleet", 5_000 },
        { "snapshot", 3_000 },
        { "campaign-uplinks", 2_000 },
        { "network-server-events", 20_000 },
    };

    public static TheoryData<string, string> RegressionInputs()
    {
        var data = new TheoryData<string, string>();
        string root = Path.Combine(AppContext.BaseDirectory, "Regressions");
        foreach (string file in Directory.EnumerateFiles(root, "*.bin", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(Path.GetDirectoryName(file)!), Path.GetRelativePath(root, file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Budgets))]
    public void Smoke_BoundedRun_FindsNothing(string target, int inputs)
    {
        var driver = new FuzzDriver(FuzzTargets.Find(target), seed: 1);

        driver.Run(inputs, TimeSpan.FromMinutes(2));

        Assert.True(driver.Findings.Count == 0, string.Join("\n", driver.Findings.Take(3).Select(f => $"{Convert.ToHexStringLower(f.Input)}: {f.Error}")));
        Assert.True(driver.Executions >= Math.Min(inputs, 100), "the smoke run ran");
        Assert.True(driver.Features > 1, "mutated inputs reached more than one place");
    }

    [Theory]
    [MemberData(nameof(RegressionInputs))]
    public void Regression_InputThatOnceFoundABug_RunsClean(string target, string file)
    {
        byte[] input = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Regressions", file));

        int feature = FuzzTargets.Find(target).Execute(input);

        Assert.NotEqual(0, feature); // it got past the first check, as when it found the bug
    }

    [Fact]
    public void Regressions_CoverEveryTargetThatFoundSomething() =>
        Assert.Equal(["campaign-uplinks", "encode-json", "network-server-events", "payload", "planner", "snapshot"], RegressionInputs().Select(r => (string)r[0]).Distinct().Order(StringComparer.Ordinal));

    [Fact]
    public void Driver_ReportsAPlantedBugWithItsInput()
    {
        var driver = new FuzzDriver(new PlantedBug(), seed: 3);

        driver.Run(50_000, TimeSpan.FromMinutes(1));

        (byte[] input, Exception error) = Assert.Single(driver.Findings.Take(1));
        Assert.IsType<IndexOutOfRangeException>(error);
        Assert.True(input.Length >= 2 && input[0] == 0xFE && input[1] == 0x7F);
    }

    private sealed class PlantedBug : IFuzzTarget
    {
        public string Name => "planted";

        public IReadOnlyList<byte[]> Seeds { get; } = [[0x00, 0x00, 0x00]];

        public int Execute(ReadOnlySpan<byte> input)
        {
            if (input.Length >= 2 && input[0] == 0xFE && input[1] == 0x7F)
            {
                int[] empty = [];
                return empty[input[1]]; // the bug
            }

            return input.Length == 0 ? 0 : input[0];
        }
    }
}
