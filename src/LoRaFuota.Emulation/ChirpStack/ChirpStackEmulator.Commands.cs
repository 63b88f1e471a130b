using System.Buffers;
using Google.Protobuf;
using LoRaFuota.Campaigns;
using LoRaFuota.ChirpStack.Mqtt;
using LoRaFuota.ChirpStack.Protocol.Integration;
using MQTTnet;

namespace LoRaFuota.Emulation.ChirpStack;

/// <content>The unicast side: <c>command/down</c> checked as ChirpStack checks it, then queued for the device's next window.</content>
public sealed partial class ChirpStackEmulator
{
    private static readonly JsonParser s_parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    private protected override Task HandleMessageAsync(string topic, byte[] body)
    {
        try
        {
            HandleCommand(topic, body);
        }
        finally
        {
            CountCommand();
        }

        return Task.CompletedTask;
    }

    // ChirpStack's checks: application/{id}/device/{eui}/command/down, the body's devEui equal to the topic's as a
    // string, fPort > 0, the device in the topic's application. A failure is only logged: there is no reply on MQTT.
    private void HandleCommand(string topic, byte[] body)
    {
        string[] parts = topic.Split('/');
        if (parts.Length != 6 || parts[0] != "application" || parts[2] != "device" || parts[4] != "command")
        {
            Drop($"command topic {topic} not understood");
            return;
        }

        if (parts[5] != "down")
        {
            Drop($"Unknown command type {parts[5]}");
            return;
        }

        DownlinkCommand command;
        try
        {
            command = _options.Encoding == ChirpStackEncoding.Json ? s_parser.Parse<DownlinkCommand>(System.Text.Encoding.UTF8.GetString(body)) : DownlinkCommand.Parser.ParseFrom(body);
        }
        catch (Exception ex) when (ex is InvalidProtocolBufferException or InvalidJsonException or FormatException)
        {
            Drop($"command/down not decodable: {ex.Message}");
            return;
        }

        if (command.DevEui != parts[3] || parts[1] != _options.ApplicationId || command.FPort == 0 || command.FPort > 255 || !DevEui.TryParse(command.DevEui, out DevEui eui))
        {
            Drop($"command/down for {command.DevEui} on {topic} refused (devEui must equal the topic's, fPort > 0, the device in the application)");
            return;
        }

        EnqueueUnicast(eui, (byte)command.FPort, command.Data.ToByteArray());
    }

    /// <summary>Queues a unicast downlink for the device's next receive window; returns the queue item id.</summary>
    internal string EnqueueUnicast(DevEui eui, byte fPort, byte[] data)
    {
        List<DeviceUplink> uplinks;
        long id = NextId();
        lock (Gate)
        {
            uplinks = Catch();
            string name = fPort == _options.FragmentationPort && data.Length > 0 && data[0] == Fragmentation.DataFragment.Cid ? "DataFragment" : "Downlink";
            Network.SendUnicast(new UnicastDownlink(id, eui, fPort, data, name));
            Reschedule();
        }

        PublishUplinks(uplinks);
        return new Guid((int)id, 0x4c46, 0x444e, [0, 0, 0, 0, 0, 0, 0, 2]).ToString();
    }
}
