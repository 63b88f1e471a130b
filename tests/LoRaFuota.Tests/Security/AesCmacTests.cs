using FsCheck;
using FsCheck.Xunit;
using LoRaFuota.Security;
using LoRaFuota.Tests.TestUtilities;

namespace LoRaFuota.Tests.Security;

public class AesCmacTests
{
    private static readonly Key128 s_rfcKey = Key128.Parse("2b7e151628aed2a6abf7158809cf4f3c");

    private const string RfcMessage =
        "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710";

    [Theory]
    [InlineData(0, "bb1d6929e95937287fa37d129b756746")]   // RFC 4493 §4 Example 1
    [InlineData(16, "070a16b46b4d4144f79bdd9dd04a287c")]  // Example 2
    [InlineData(40, "dfa66747de9ae63030ca32611497c827")]  // Example 3
    [InlineData(64, "51f0bebf7e3b9d92fc49741779363cfe")]  // Example 4
    public void Compute_Rfc4493Examples(int length, string expected)
    {
        byte[] message = Hex.Bytes(RfcMessage)[..length];
        Span<byte> mac = stackalloc byte[AesCmac.MacLength];

        AesCmac.Compute(s_rfcKey, message, mac);

        Assert.Equal(expected, Hex.Of(mac));
    }

    [Property(MaxTest = 60)]
    public bool Compute_WithPrefix_EqualsConcatenation(NonNegativeInt prefixBlocks, byte[] message, bool large)
    {
        message ??= [];
        if (large)
        {
            message = [.. message, .. new byte[9000 + message.Length]]; // crosses the 4 KiB CBC chunks
        }

        byte[] prefix = new byte[16 * (prefixBlocks.Get % 4)];
        Random.Shared.NextBytes(prefix);
        Span<byte> split = stackalloc byte[16];
        Span<byte> whole = stackalloc byte[16];

        AesCmac.Compute(s_rfcKey, prefix, message, split);
        AesCmac.Compute(s_rfcKey, [.. prefix, .. message], whole);

        return split.SequenceEqual(whole);
    }

    [Fact]
    public void Compute_PrefixNotWholeBlocks_Throws() =>
        Assert.Throws<ArgumentException>(() => AesCmac.Compute(s_rfcKey, new byte[5], [], new byte[16]));

    [Fact]
    public void Compute_ShortDestination_Throws() =>
        Assert.Throws<ArgumentException>(() => AesCmac.Compute(s_rfcKey, [], new byte[15]));
}
