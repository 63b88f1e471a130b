using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using LoRaFuota.Benchmarks;

// A filter that matches nothing, or a benchmark that failed to run, exits non-zero, so a CI smoke run cannot pass empty.
Summary[] summaries = [.. BenchmarkSwitcher.FromAssembly(typeof(BenchmarkConfig).Assembly).Run(args, new BenchmarkConfig())];
if (args.Contains("--list") || args.Contains("--help") || args.Contains("--version"))
{
    return 0;
}

if (summaries.Length == 0 || summaries.All(s => s.Reports.IsEmpty))
{
    Console.Error.WriteLine("No benchmark matched the filter.");
    return 1;
}

Summary[] failed = [.. summaries.Where(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success))];
if (failed.Length > 0)
{
    Console.Error.WriteLine($"Benchmarks failed: {string.Join(", ", failed.SelectMany(s => s.Reports.Where(r => !r.Success).Select(r => r.BenchmarkCase.DisplayInfo)))}");
    return 1;
}

return 0;
