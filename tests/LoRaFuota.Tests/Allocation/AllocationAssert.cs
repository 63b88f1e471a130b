namespace LoRaFuota.Tests.Allocation;

/// <summary>
/// Asserts that an action allocates nothing on the managed heap: it runs once to warm up (JIT, statics), then
/// <see cref="GC.GetAllocatedBytesForCurrentThread"/> must not grow over a few more runs. Synchronous code only.
/// </summary>
internal static class AllocationAssert
{
    private const int Runs = 8;

    public static void NoAllocations(Action action)
    {
        action();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Runs; i++)
        {
            action();
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        if (allocated != 0)
        {
            throw new Xunit.Sdk.XunitException($"Expected no allocations, but {allocated} bytes were allocated over {Runs} runs.");
        }
    }
}
