namespace LoRaFuota.Simulation.Tests;

internal static class Images
{
    /// <summary>The image with its last byte flipped.</summary>
    public static byte[] TamperedCopy(ReadOnlyMemory<byte> image)
    {
        byte[] copy = image.ToArray();
        copy[^1] ^= 0x5A;
        return copy;
    }
}
