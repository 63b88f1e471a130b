namespace LoRaFuota.Tests.Allocation;

/// <summary>
/// Asserts that an action allocates nothing on the managed heap: it runs a few dozen times to warm up (JIT tiers,
/// statics), then <see cref="GC.GetAllocatedBytesForCurrentThread"/> must not grow over 8 more runs. The runtime can
/// charge a one-off allocation to the thread while it re-compiles a hot method, so a measurement is repeated up to three
/// times; an allocation the code itself makes shows in every one and fails. Synchronous code only.
/// </summary>
internal static class AllocationAssert
{
    private const int WarmUpRuns = 32;
    private const int Runs = 8;
    private const int Attempts = 3;

    public static void NoAllocations(Action action)
    {
        for (int i = 0; i < WarmUpRuns; i++)
        {
            action();
        }

        long least = long.MaxValue;
        for (int attempt = 0; attempt < Attempts && least > 0; attempt++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < Runs; i++)
            {
                action();
            }

            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        if (least != 0)
        {
            throw new Xunit.Sdk.XunitException($"Expected no allocations, but at least {least} bytes were allocated over {Runs} runs, in each of {Attempts} attempts.");
        }
    }
}
