using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using LoRaFuota.Fuzz.Driver;
using LoRaFuota.Fuzz.Targets;

namespace LoRaFuota.Fuzz;

/// <summary>
/// <c>run [--target NAME] [--inputs N] [--seconds S] [--seed S] [--save DIR]</c>: the in-process driver, every target
/// (in parallel on all cores) or one; findings are written to DIR/NAME/HASH.bin. <c>afl NAME</c>: the SharpFuzz
/// entry for afl-fuzz (instrument the assemblies first, see docs/fuzzing.md). <c>repro NAME FILE...</c>: run saved
/// inputs once and print what they do. <c>seeds NAME DIR</c>: write a target's seeds to DIR.
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        string verb = args.Length > 0 ? args[0] : "run";
        return verb switch
        {
            "run" => Run(args.Length > 0 ? args[1..] : []),
            "afl" when args.Length == 2 => Afl(FuzzTargets.Factory(args[1])),
            "repro" when args.Length >= 3 => Repro(FuzzTargets.Find(args[1]), args[2..]),
            "seeds" when args.Length == 3 => Seeds(FuzzTargets.Find(args[1]), args[2]),
            _ => Usage(),
        };
    }

    private static int Run(string[] args)
    {
        string? only = Option(args, "--target");
        long inputs = long.Parse(Option(args, "--inputs") ?? "100000", CultureInfo.InvariantCulture);
        double seconds = double.Parse(Option(args, "--seconds") ?? "600", CultureInfo.InvariantCulture);
        int seed = int.Parse(Option(args, "--seed") ?? "1", CultureInfo.InvariantCulture);
        string? save = Option(args, "--save");
        IFuzzTarget[] targets = only is null ? [.. FuzzTargets.Create()] : [FuzzTargets.Find(only)];
        var clock = Stopwatch.StartNew();
        var results = new (IFuzzTarget Target, FuzzDriver Driver, TimeSpan Elapsed)[targets.Length];
        Parallel.For(0, targets.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var watch = Stopwatch.StartNew();
            var driver = new FuzzDriver(targets[i], seed + i);
            driver.Run(inputs, TimeSpan.FromSeconds(seconds));
            results[i] = (targets[i], driver, watch.Elapsed);
        });

        Console.WriteLine("target              inputs     seconds   inputs/s  corpus  features  findings");
        long total = 0;
        int findings = 0;
        foreach ((IFuzzTarget target, FuzzDriver driver, TimeSpan elapsed) in results)
        {
            total += driver.Executions;
            findings += driver.Findings.Count;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{target.Name,-18} {driver.Executions,10} {elapsed.TotalSeconds,9:F1} {driver.Executions / Math.Max(elapsed.TotalSeconds, 1e-3),10:F0} {driver.CorpusSize,7} {driver.Features,9} {driver.Findings.Count,9}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  slowest input {driver.Slowest.Elapsed.TotalMilliseconds:F1} ms ({driver.Slowest.Input.Length} bytes: {Convert.ToHexStringLower(driver.Slowest.Input.AsSpan(0, Math.Min(48, driver.Slowest.Input.Length)))})"));
            foreach ((byte[] input, Exception error) in driver.Findings.DistinctBy(f => f.Error.GetType().Name + f.Error.Message))
            {
                Console.WriteLine($"  FINDING {target.Name}: {error.GetType().Name}: {error.Message}");
                Console.WriteLine($"    {error.StackTrace?.Split('\n').FirstOrDefault(l => l.Contains("LoRaFuota", StringComparison.Ordinal))?.Trim()}");
                if (save is not null)
                {
                    string directory = Path.Combine(save, target.Name);
                    Directory.CreateDirectory(directory);
                    File.WriteAllBytes(Path.Combine(directory, Convert.ToHexStringLower(SHA256.HashData(input))[..16] + ".bin"), input);
                }
            }
        }

        if (SnapshotTarget.Restored > 0)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"snapshots that restored and ran: {SnapshotTarget.Restored}"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"total {total} inputs in {clock.Elapsed.TotalSeconds:F1} s, {findings} findings"));
        return findings == 0 ? 0 : 1;
    }

    // Instrumented code must not run before SharpFuzz has set up the coverage map: the target is built on the first input.
    private static int Afl(Func<IFuzzTarget> factory)
    {
        IFuzzTarget? target = null;
        SharpFuzz.Fuzzer.OutOfProcess.Run(stream =>
        {
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            target ??= factory();
            target.Execute(buffer.ToArray());
        });
        return 0;
    }

    private static int Repro(IFuzzTarget target, string[] files)
    {
        int failed = 0;
        foreach (string file in files)
        {
            try
            {
                int feature = target.Execute(File.ReadAllBytes(file));
                Console.WriteLine($"{file}: ok (feature {feature})");
            }
            catch (Exception ex)
            {
                failed++;
                Console.WriteLine($"{file}: {ex}");
            }
        }

        return failed == 0 ? 0 : 1;
    }

    // Writes a target's seeds as files: the starting corpus for afl-fuzz, or inputs to look at.
    private static int Seeds(IFuzzTarget target, string directory)
    {
        Directory.CreateDirectory(directory);
        for (int i = 0; i < target.Seeds.Count; i++)
        {
            File.WriteAllBytes(Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"seed-{i:D3}.bin")), target.Seeds[i]);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{target.Seeds.Count} seeds written to {directory}"));
        return 0;
    }

    private static int Usage()
    {
        Console.Error.WriteLine("usage: run [--target NAME] [--inputs N] [--seconds S] [--seed S] [--save DIR] | afl NAME | repro NAME FILE... | seeds NAME DIR");
        return 2;
    }

    private static string? Option(string[] args, string name)
    {
        int at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}
