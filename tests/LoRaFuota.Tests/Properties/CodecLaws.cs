using LoRaFuota.Packages;
using LoRaFuota.Payloads;

namespace LoRaFuota.Tests.Properties;

/// <summary>The laws every command codec obeys, checked for one value.</summary>
internal static class CodecLaws
{
    private const int Room = 64;

    /// <summary>Round trip, length law, truncation, small destinations and the payload reader.</summary>
    public static bool Hold<T>(T value, PackageVersion version, AppLayerPackage package, LinkDirection direction)
        where T : struct, IAppLayerCommand<T>
    {
        Span<byte> buffer = stackalloc byte[Room];
        Assert.True(value.TryWrite(buffer, out int written));
        Assert.Equal(value.GetByteCount(), written);
        Assert.Equal(T.CommandId, buffer[0]);
        ReadOnlySpan<byte> encoded = buffer[..written];

        Assert.True(T.TryRead(encoded, version, out T back, out int consumed));
        Assert.Equal(written, consumed);
        Assert.Equal(value, back);

        Span<byte> again = stackalloc byte[Room];
        for (int length = 0; length < written; length++)
        {
            if (T.TryRead(encoded[..length], version, out T prefix, out int prefixConsumed))
            {
                // Only a prefix that starts with a complete, canonical shorter command may read: the 2-byte v2
                // missing-session status is a prefix of its 5-byte form (TS004 v2 §3.2 allows both).
                Assert.InRange(prefixConsumed, 1, length);
                Assert.True(prefix.TryWrite(again, out int againWritten));
                Assert.True(encoded[..prefixConsumed].SequenceEqual(again[..againWritten]));
            }
            else
            {
                Assert.Equal(0, prefixConsumed);
                Assert.Equal(default, prefix);
            }

            Assert.False(value.TryWrite(again[..length], out int smallWritten));
            Assert.Equal(0, smallWritten);
        }

        var reader = new AppLayerPayloadReader(encoded, package, version, direction);
        Assert.True(reader.Read());
        AppLayerCommand command = reader.Command;
        Assert.Equal(written, reader.BytesConsumed);
        Assert.False(reader.Read());
        Assert.Equal(System.Buffers.OperationStatus.Done, reader.Status);
        JsonRoundTrips(encoded, command, version, package, direction);
        return true;
    }

    /// <summary>The CLI's JSON writer and strict reader share one table: bytes → JSON → bytes is the identity.</summary>
    private static void JsonRoundTrips(ReadOnlySpan<byte> encoded, AppLayerCommand command, PackageVersion version, AppLayerPackage package, LinkDirection direction)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            LoRaFuota.Cli.Json.CommandJsonWriter.Write(writer, command, encoded, version);
        }

        using var json = System.Text.Json.JsonDocument.Parse(buffer.WrittenMemory);
        byte[] again = LoRaFuota.Cli.Json.CommandJsonReader.Encode(json.RootElement, package, version, direction);
        Assert.Equal(Convert.ToHexString(encoded), Convert.ToHexString(again));
    }

    /// <summary>Random bytes never throw; whatever reads, re-reads the same after writing.</summary>
    public static bool RandomBytesAreSafe<T>(byte[] bytes, PackageVersion version)
        where T : struct, IAppLayerCommand<T>
    {
        bytes[0] = T.CommandId; // make the interesting path likely
        if (!T.TryRead(bytes, version, out T value, out int consumed))
        {
            return consumed == 0;
        }

        Assert.InRange(consumed, 1, bytes.Length);
        Span<byte> buffer = stackalloc byte[Room];
        Assert.True(value.TryWrite(buffer, out int written));
        Assert.True(T.TryRead(buffer[..written], version, out T again, out _));
        Assert.Equal(value, again);
        return true;
    }
}
