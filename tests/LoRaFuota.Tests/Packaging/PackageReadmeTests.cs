using LoRaFuota.Fragmentation;
using LoRaFuota.Fragmentation.Coding;
using LoRaFuota.Payloads;
using LoRaFuota.Planning;
using LoRaFuota.Regions;
using LoRaFuota.Simulation;
using LoRaFuota.Tests.TestUtilities;

namespace LoRaFuota.Tests.Packaging;

/// <summary>The package readmes (src/*/PACKAGE.md) show code that compiles and runs here, and a command that works.</summary>
public class PackageReadmeTests
{
    [Fact]
    public void CorePackage_FragmentAndReadSample_RunsAndIsOnThePage()
    {
        byte[] firmware = new byte[5000];
        byte[] uplink = [0x01, 0x00, 0x2C, 0x00, 0x07];
        using var console = new StringWriter();
        TextWriter original = Console.Out;
        Console.SetOut(console);
        int fragments;
        try
        {
            // begin sample
            // Cut the image into fragments: uncoded 1..M, then coded M+1..M+R.
            var encoder = new FragmentEncoder(firmware, fragSize: 232, ParityVariant.V2);
            int redundancy = encoder.Layout.GetRedundancy(percent: 10);
            Span<byte> frame = stackalloc byte[3 + 232];
            for (int n = 1; n <= encoder.NbFrag + redundancy; n++)
            {
                int length = encoder.WriteDataFragment(n, fragIndex: 0, frame);
                // send frame[..length] on FPort 201
            }

            // Read every command of an uplink FRMPayload.
            var reader = new AppLayerPayloadReader(uplink, AppLayerPackage.Fragmentation, PackageVersion.V2, LinkDirection.Uplink);
            while (reader.Read())
            {
                if (reader.Command == AppLayerCommand.FragSessionStatusAns
                    && FragSessionStatusAns.TryRead(reader.CommandBytes, PackageVersion.V2, out var status, out _))
                {
                    Console.WriteLine($"missing {status.MissingFrag}");
                }
            }

            // end sample
            fragments = encoder.NbFrag + redundancy;
        }
        finally
        {
            Console.SetOut(original);
        }

        Assert.Equal(22 + 3, fragments); // M = 22, R = ⌈2.2⌉
        Assert.Equal("missing 7", console.ToString().Trim());
        AssertOnPage("LoRaFuota", nameof(CorePackage_FragmentAndReadSample_RunsAndIsOnThePage));
    }

    [Fact]
    public void CorePackage_PlanSample_RunsAndIsOnThePage()
    {
        CampaignPlan plan = Plan(256 * 1024, 5);
        Assert.True(plan.Feasible);
        Assert.DoesNotContain(Plan(256 * 1024, 0).Errors, e => e.Code != PlanIssueCode.SessionTooLong);
        Assert.NotEmpty(Plan(256 * 1024, 0).Errors);
        AssertOnPage("LoRaFuota", nameof(Plan));
    }

    private static CampaignPlan Plan(int imageSize, int dataRate)
    {
        using var console = new StringWriter();
        TextWriter original = Console.Out;
        Console.SetOut(console);
        try
        {
            // begin sample
            CampaignPlan plan = CampaignPlanner.Create(new CampaignPlanOptions
            {
                ImageSize = 256 * 1024, Region = RegionalParameters.Get(Region.EU868), DataRate = 5,
                Class = MulticastClass.ClassC, RedundancyPercent = 10, Start = DateTimeOffset.UtcNow,
            });
            foreach (PlanIssue error in plan.Errors)
            {
                Console.WriteLine($"{error.Code}: {error.Message}");
            }

            // end sample
            plan = CampaignPlanner.Create(new CampaignPlanOptions
            {
                ImageSize = imageSize, Region = RegionalParameters.Get(Region.EU868), DataRate = dataRate,
                Class = MulticastClass.ClassC, RedundancyPercent = 10, Start = DateTimeOffset.UtcNow,
            });
            Assert.Equal(string.Empty, console.ToString());
            return plan;
        }
        finally
        {
            Console.SetOut(original);
        }
    }

    [Fact]
    public void SimulationPackage_Sample_RunsAndIsOnThePage()
    {
        using var console = new StringWriter();
        TextWriter original = Console.Out;
        Console.SetOut(console);
        try
        {
            // begin sample
            SimulationResult result = CampaignSimulator.Run(new SimulationOptions
            {
                ImageSize = 16 * 1024, DeviceCount = 30, Loss = 0.05, DataRate = 5, RedundancyPercent = 20,
            });
            Console.WriteLine($"{result.Updated} of {result.DeviceResults.Count} updated");
            // end sample
        }
        finally
        {
            Console.SetOut(original);
        }

        Assert.Matches(@"^\d+ of 30 updated$", console.ToString().Trim());
        AssertOnPage("LoRaFuota.Simulation", nameof(SimulationPackage_Sample_RunsAndIsOnThePage), replace: ("16 * 1024, DeviceCount = 30", "64 * 1024, DeviceCount = 300"));
    }

    [Fact]
    public void ToolPackage_ExampleCommand_Runs()
    {
        string page = Read("src", "LoRaFuota.Cli", "PACKAGE.md");
        string line = page.Split('\n').Single(l => l.StartsWith("lorafuota simulate ", StringComparison.Ordinal));

        CliResult result = CliRunner.Run(line["lorafuota ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("UPDATED", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("LoRaFuota")]
    [InlineData("LoRaFuota.Hosting")]
    [InlineData("LoRaFuota.Simulation")]
    [InlineData("LoRaFuota.Cli")]
    public void EveryShippedProject_HasAPackageReadmeAndThePackageTakesIt(string project)
    {
        Assert.StartsWith("# ", Read("src", project, "PACKAGE.md"), StringComparison.Ordinal);
        Assert.Contains("PACKAGE.md\" Pack=\"true\" PackagePath=\"README.md\"", Read("src", "Directory.Build.props"), StringComparison.Ordinal);
        Assert.Contains("MIT License", Read("LICENSE"), StringComparison.Ordinal);
    }

    // The lines between the markers of a test method, de-indented, must stand in the package's PACKAGE.md.
    private static void AssertOnPage(string project, string method, (string From, string To) replace = default)
    {
        string source = Read("tests", "LoRaFuota.Tests", "Packaging", "PackageReadmeTests.cs");
        int start = DeclarationOf(source, method);
        Assert.True(start >= 0, method);
        int begin = source.IndexOf("// begin sample\n", start, StringComparison.Ordinal) + "// begin sample\n".Length;
        int end = source.IndexOf("// end sample", begin, StringComparison.Ordinal);
        string[] lines = source[begin..end].Split('\n');
        string code = string.Join('\n', lines.Select(l => l.Length >= 12 ? l[12..] : l.TrimStart())).TrimEnd() + "\n";
        if (replace.From is not null)
        {
            code = code.Replace(replace.From, replace.To, StringComparison.Ordinal);
        }

        string page = Read("src", project, "PACKAGE.md");
        Assert.Contains(code.TrimEnd('\n'), page, StringComparison.Ordinal);
    }

    private static int DeclarationOf(string source, string method) =>
        source.IndexOf($"void {method}(", StringComparison.Ordinal) is int found and >= 0 ? found : source.IndexOf($"CampaignPlan {method}(", StringComparison.Ordinal);

    private static string Read(params string[] parts)
    {
        string root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "LoRaFuota.sln")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("The repository root was not found.");
        }

        return File.ReadAllText(Path.Combine([root, .. parts])).ReplaceLineEndings("\n");
    }
}
