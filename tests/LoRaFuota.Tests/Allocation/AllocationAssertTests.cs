using Xunit.Sdk;

namespace LoRaFuota.Tests.Allocation;

public class AllocationAssertTests
{
    private static object? s_sink;

    [Fact]
    public void NoAllocations_ActionThatAllocates_Throws() =>
        Assert.Throws<XunitException>(() => AllocationAssert.NoAllocations(static () => s_sink = new byte[32]));

    [Fact]
    public void NoAllocations_ActionThatAllocatesEveryFewRuns_Throws()
    {
        int calls = 0;
        Assert.Throws<XunitException>(() => AllocationAssert.NoAllocations(() =>
        {
            if (++calls % 4 == 0)
            {
                s_sink = new byte[8];
            }
        }));
    }

    [Fact]
    public void NoAllocations_ActionThatAllocatesOnlyOnFirstRun_Passes()
    {
        s_sink = null;
        AllocationAssert.NoAllocations(static () => s_sink ??= new byte[32]);
        Assert.NotNull(s_sink);
    }

    [Fact]
    public void NoAllocations_StackOnlyWork_Passes() =>
        AllocationAssert.NoAllocations(static () =>
        {
            Span<byte> buffer = stackalloc byte[16];
            buffer.Fill(1);
        });
}
