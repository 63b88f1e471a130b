namespace LoRaFuota.Tests.Primitives;

public class Key128Tests
{
    [Fact]
    public void ToString_NeverRevealsTheKey()
    {
        Key128 key = Key128.Parse("0102030405060708090a0b0c0d0e0f10");
        Assert.DoesNotContain("0102", key.ToString(), StringComparison.Ordinal);
        Assert.Equal("0102030405060708090a0b0c0d0e0f10", key.ToHexString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("0102")]
    [InlineData("zz02030405060708090a0b0c0d0e0f10")]
    public void TryParse_BadText_Fails(string text) => Assert.False(Key128.TryParse(text, out _));

    [Fact]
    public void Create_WrongLength_ThrowsWithAClearMessage()
    {
        ArgumentException ex = Assert.Throws<ArgumentException>(() => Key128.Create(new byte[15]));
        Assert.Contains("16 bytes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Equality_ComparesEveryByte()
    {
        Key128 a = Key128.Parse("0102030405060708090a0b0c0d0e0f10");
        Key128 b = Key128.Parse("0102030405060708090a0b0c0d0e0f11");
        Assert.NotEqual(a, b);
        Assert.Equal(a, Key128.Parse("0102030405060708090A0B0C0D0E0F10"));
        Assert.Equal(a.GetHashCode(), Key128.Parse("0102030405060708090a0b0c0d0e0f10").GetHashCode());
    }
}
