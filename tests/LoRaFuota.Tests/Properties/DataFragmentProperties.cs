using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LoRaFuota.Fragmentation;

namespace LoRaFuota.Tests.Properties;

/// <summary>DataFragment is a ref struct, so it gets its own copy of the codec laws.</summary>
public class DataFragmentProperties
{
    public static Arbitrary<(byte FragIndex, ushort N, byte[] Payload)> Fragments() => Arb.From(
        from index in FuotaArbitraries.Bits(2)
        from n in Gen.Choose(1, DataFragment.MaxN)
        from payload in FuotaArbitraries.Bytes(0, 255)
        select (index, (ushort)n, payload));

    [Property(Arbitrary = [typeof(DataFragmentProperties)], MaxTest = 300)]
    public void ObeysCodecLaws((byte FragIndex, ushort N, byte[] Payload) input)
    {
        var fragment = new DataFragment(input.FragIndex, input.N, input.Payload);
        byte[] buffer = new byte[300];
        Assert.True(fragment.TryWrite(buffer, out int written));
        Assert.Equal(fragment.GetByteCount(), written);
        Assert.Equal(DataFragment.HeaderLength + input.Payload.Length, written);

        Assert.True(DataFragment.TryRead(buffer.AsSpan(0, written), out DataFragment back, out int consumed));
        Assert.Equal(written, consumed);
        Assert.Equal((input.FragIndex, input.N), (back.FragIndex, back.N));
        Assert.True(back.Payload.SequenceEqual(input.Payload));

        for (int length = 0; length < DataFragment.HeaderLength; length++)
        {
            Assert.False(DataFragment.TryRead(buffer.AsSpan(0, length), out _, out consumed));
            Assert.Equal(0, consumed);
        }

        for (int length = 0; length < written; length++)
        {
            Assert.False(fragment.TryWrite(buffer.AsSpan(0, length), out int small));
            Assert.Equal(0, small);
        }
    }

    [Property(MaxTest = 500)]
    public bool RandomBytes_NeverThrow(byte[] bytes)
    {
        bytes ??= [];
        if (bytes.Length > 0)
        {
            bytes[0] = DataFragment.Cid;
        }

        bool ok = DataFragment.TryRead(bytes, out DataFragment fragment, out int consumed);
        return ok ? consumed == bytes.Length && fragment.N >= 1 && fragment.Payload.Length == bytes.Length - 3 : consumed == 0;
    }
}
