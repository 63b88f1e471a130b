using System.Diagnostics;

namespace LoRaFuota.Fuzz.Driver;

/// <summary>
/// The in-process driver: mutates seeds and kept inputs, runs them through a target, keeps an input when its feature
/// number is new, and records every finding with the input that caused it. Deterministic for a seed.
/// </summary>
internal sealed class FuzzDriver(IFuzzTarget target, int seed, int maxLength = 4096, int maxCorpus = 4096)
{
    private readonly Random _random = new(seed);
    private readonly List<byte[]> _corpus = [.. target.Seeds];
    private readonly HashSet<int> _features = [];

    public List<(byte[] Input, Exception Error)> Findings { get; } = [];

    public long Executions { get; private set; }

    public int CorpusSize => _corpus.Count;

    public int Features => _features.Count;

    /// <summary>Gets the slowest input run and how long it took (a hang or a blow-up shows here).</summary>
    public (byte[] Input, TimeSpan Elapsed) Slowest { get; private set; } = ([], TimeSpan.Zero);

    /// <summary>Runs the seeds, then mutated inputs until <paramref name="inputs"/> in all or <paramref name="budget"/> elapsed.</summary>
    public void Run(long inputs, TimeSpan budget)
    {
        var mutator = new Mutator(_random);
        int longest = Math.Max(maxLength, target.Seeds.Count == 0 ? 0 : target.Seeds.Max(s => s.Length) * 2);
        var clock = Stopwatch.StartNew();
        foreach (byte[] seedInput in target.Seeds)
        {
            Execute(seedInput);
        }

        while (Executions < inputs && clock.Elapsed < budget && Findings.Count < 20)
        {
            // Half the time a seed: valid inputs stay the main parents even when broken ones fill the corpus.
            byte[] parent = _random.Next(2) == 0 && target.Seeds.Count > 0 ? target.Seeds[_random.Next(target.Seeds.Count)] : _corpus[_random.Next(_corpus.Count)];
            byte[] other = _corpus[_random.Next(_corpus.Count)];
            byte[] child = mutator.Mutate(parent, other, longest);
            if (Execute(child) is int feature && _features.Add(feature) && _corpus.Count < maxCorpus)
            {
                _corpus.Add(child);
            }
        }
    }

    private int? Execute(byte[] input)
    {
        Executions++;
        long started = Stopwatch.GetTimestamp();
        try
        {
            return target.Execute(input);
        }
        catch (Exception ex)
        {
            Findings.Add((input, ex));
            return null;
        }
        finally
        {
            TimeSpan elapsed = Stopwatch.GetElapsedTime(started);
            if (elapsed > Slowest.Elapsed)
            {
                Slowest = (input, elapsed);
            }
        }
    }
}
