using System.Text.Json;
using LoRaFuota.Campaigns;
using LoRaFuota.Campaigns.Events;

namespace LoRaFuota.Cli.Simulation;

/// <summary>Campaign events as JSON Lines: one object per line with <c>at</c>, <c>type</c> and the event's fields.</summary>
internal sealed class EventJson : IDisposable
{
    private readonly Stream _stream;
    private readonly Utf8JsonWriter _writer;

    public EventJson(Stream stream)
    {
        _stream = stream;
        _writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    public void Write(CampaignEvent campaignEvent)
    {
        Utf8JsonWriter w = _writer;
        w.WriteStartObject();
        w.WriteString("at", campaignEvent.At);
        switch (campaignEvent)
        {
            case DeviceStateChanged e:
                w.WriteString("type", "device_state_changed");
                w.WriteString("dev_eui", e.DevEui.ToString());
                w.WriteString("from", CampaignNames.State(e.From));
                w.WriteString("to", CampaignNames.State(e.To));
                WriteReason(w, e.Reason);
                break;
            case SessionScheduled e:
                w.WriteString("type", "session_scheduled");
                w.WriteNumber("group", e.Group);
                w.WriteString("mc_addr", e.McAddr.ToString("x8", System.Globalization.CultureInfo.InvariantCulture));
                w.WriteNumber("ts004", (int)e.FragmentationVersion);
                w.WriteNumber("devices", e.Devices);
                w.WriteString("session_start", e.SessionStart);
                w.WriteString("session_end", e.SessionEnd);
                w.WriteNumber("timeout_code", e.TimeoutCode);
                break;
            case MulticastSent e:
                w.WriteString("type", "multicast_sent");
                w.WriteNumber("group", e.Group);
                w.WriteString("kind", e.Kind == MulticastPayloadKind.DataFragment ? "data_fragment" : "status_poll");
                w.WriteNumber("fragment", e.FragmentNumber);
                w.WriteNumber("f_cnt", e.FCnt);
                w.WriteString("not_before", e.NotBefore);
                w.WriteNumber("airtime_ms", Math.Round(e.Airtime.TotalMilliseconds, 3));
                break;
            case UnicastSent e:
                w.WriteString("type", "unicast_sent");
                w.WriteString("dev_eui", e.DevEui.ToString());
                w.WriteNumber("f_port", e.FPort);
                w.WriteString("command", e.Command);
                w.WriteNumber("attempt", e.Attempt);
                break;
            case ClockChecked e:
                w.WriteString("type", "clock_checked");
                w.WriteString("dev_eui", e.DevEui.ToString());
                w.WriteNumber("correction_s", e.CorrectionSeconds);
                w.WriteBoolean("answered", e.Answered);
                break;
            case UplinkRejected e:
                w.WriteString("type", "uplink_rejected");
                w.WriteString("dev_eui", e.DevEui.ToString());
                w.WriteNumber("f_port", e.FPort);
                w.WriteString("reason", e.Reason);
                break;
            case ActionFailed e:
                w.WriteString("type", "action_failed");
                w.WriteNumber("action", e.ActionId);
                w.WriteString("error", e.Error);
                break;
            case GroupClosed e:
                w.WriteString("type", "group_closed");
                w.WriteNumber("group", e.Group);
                w.WriteNumber("fragments_sent", e.FragmentsSent);
                w.WriteNumber("polls", e.Polls);
                break;
            case CampaignCompleted e:
                w.WriteString("type", "campaign_completed");
                w.WriteNumber("updated", e.Updated);
                w.WriteNumber("failed", e.Failed);
                w.WriteBoolean("cancelled", e.Cancelled);
                break;
            default:
                w.WriteString("type", campaignEvent.GetType().Name);
                break;
        }

        w.WriteEndObject();
        w.Flush();
        _writer.Reset();
        _stream.WriteByte((byte)'\n');
    }

    public void Dispose()
    {
        _writer.Dispose();
        _stream.Dispose();
    }

    private static void WriteReason(Utf8JsonWriter w, DeviceFailureReason reason)
    {
        if (reason == DeviceFailureReason.None)
        {
            w.WriteNull("reason");
        }
        else
        {
            w.WriteString("reason", CampaignNames.Reason(reason));
        }
    }
}
