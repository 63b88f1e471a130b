using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using LoRaFuota.ChirpStack.Protocol.Integration;

namespace LoRaFuota.ChirpStack.Mqtt;

/// <summary>Writes ChirpStack v4 MQTT commands.</summary>
public static class ChirpStackCommands
{
    private static readonly JsonFormatter s_json = new(JsonFormatter.Settings.Default);

    /// <summary>
    /// The body of a <c>command/down</c> (publish it on <see cref="ChirpStackTopics.Down"/>): the engine's own
    /// <paramref name="id"/> comes back as the queue item id of the <c>txack</c>, <c>ack</c> and <c>log</c> events.
    /// </summary>
    /// <param name="id">The queue item id (a UUID).</param>
    /// <param name="devEui">The device; written lowercase, as the topic must be.</param>
    /// <param name="fPort">The FPort, 1 to 223.</param>
    /// <param name="payload">The FRMPayload in plaintext; ChirpStack encrypts it.</param>
    /// <param name="encoding">How the integration reads commands.</param>
    /// <param name="confirmed">Whether to send it as a confirmed downlink.</param>
    /// <param name="expiresAt">When ChirpStack should drop it if not yet sent.</param>
    /// <returns>The command body.</returns>
    /// <exception cref="ArgumentException"><paramref name="id"/> is empty or <paramref name="fPort"/> is 0 or above 223.</exception>
    public static byte[] Down(Guid id, DevEui devEui, byte fPort, ReadOnlySpan<byte> payload, ChirpStackEncoding encoding, bool confirmed = false, DateTimeOffset? expiresAt = null)
    {
        if (id == Guid.Empty)
        {
            throw new ArgumentException("Give every command an id of its own: the outcome events carry it back.", nameof(id));
        }

        if (fPort is 0 or > 223)
        {
            throw new ArgumentOutOfRangeException(nameof(fPort), fPort, "An application FPort is 1 to 223.");
        }

        var command = new DownlinkCommand
        {
            Id = id.ToString(),
            DevEui = devEui.ToString(),
            Confirmed = confirmed,
            FPort = fPort,
            Data = ByteString.CopyFrom(payload),
            ExpiresAt = expiresAt is DateTimeOffset at ? Timestamp.FromDateTimeOffset(at) : null,
        };
        return encoding == ChirpStackEncoding.Json ? System.Text.Encoding.UTF8.GetBytes(s_json.Format(command)) : command.ToByteArray();
    }
}
