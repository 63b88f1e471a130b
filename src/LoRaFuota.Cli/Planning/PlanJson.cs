using System.Text.Json;
using LoRaFuota.Planning;

namespace LoRaFuota.Cli.Planning;

/// <summary>The plan as one JSON object (snake_case).</summary>
internal static class PlanJson
{
    public static void Write(Utf8JsonWriter w, CampaignPlan plan, bool schedule)
    {
        w.WriteStartObject();
        w.WriteBoolean("feasible", plan.Feasible);
        WriteIssues(w, "errors", plan.Errors);
        WriteIssues(w, "warnings", plan.Warnings);
        w.WriteString("region", plan.Region.Name);
        if (plan.DataRate is { } rate)
        {
            w.WriteNumber("dr", rate.Index);
            w.WriteString("data_rate", rate.ToString());
        }

        w.WriteNumber("frequency_hz", plan.FrequencyHz);
        w.WriteString("class", plan.Class == MulticastClass.ClassC ? "C" : "B");
        w.WriteNumber("periodicity", plan.Periodicity);
        w.WriteNumber("image_size", plan.ImageSize);
        w.WriteNumber("nb_frag", plan.NbFrag);
        w.WriteNumber("fragment_size", plan.FragmentSize);
        w.WriteNumber("padding", plan.Padding);
        w.WriteNumber("redundancy", plan.Redundancy);
        w.WriteNumber("time_on_air_ms", Math.Round(plan.TimeOnAir.TotalMilliseconds, 3));
        w.WriteNumber("spacing_ms", Math.Round(plan.Spacing.TotalMilliseconds, 3));
        w.WriteNumber("duty_cycle", plan.DutyCycle);
        w.WriteNumber("total_airtime_s", Math.Round(plan.TotalAirtime.TotalSeconds, 3));
        w.WriteString("setup_start", plan.SetupStart);
        w.WriteString("session_start", plan.SessionStart);
        w.WriteNumber("session_duration_s", Math.Round(plan.SessionDuration.TotalSeconds, 3));
        w.WriteNumber("session_timeout_code", plan.SessionTimeoutCode);
        w.WriteNumber("session_timeout_s", plan.SessionTimeout.TotalSeconds);
        w.WriteNumber("fragments_per_beacon_period", plan.FragmentsPerBeaconPeriod);
        w.WriteNumber("expected_loss", plan.ExpectedLoss);
        w.WriteNumber("success_probability", Math.Round(plan.SuccessProbability, 6));
        w.WriteString("success_method", plan.SuccessMethod);
        w.WriteNumber("device_memory_bytes", plan.DeviceMemoryBytes);
        w.WriteNumber("downlinks", plan.Schedule.Count);
        WriteCommands(w, plan);
        if (schedule)
        {
            w.WriteStartArray("schedule");
            foreach (ScheduledDownlink downlink in plan.Schedule)
            {
                w.WriteStartObject();
                w.WriteString("time", downlink.NotBefore);
                w.WriteNumber("port", downlink.FPort);
                w.WriteNumber("fcnt", downlink.MulticastFrameCounter);
                w.WriteString("kind", downlink.Kind == DownlinkKind.DataFragment ? "DataFragment" : "FragSessionStatusReq");
                w.WriteNumber("n", downlink.FragmentNumber);
                w.WriteNumber("gateway", downlink.Gateway);
                if (downlink.Payload.IsEmpty)
                {
                    w.WriteNull("payload_hex");
                }
                else
                {
                    w.WriteString("payload_hex", Convert.ToHexStringLower(downlink.Payload.Span));
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    private static void WriteCommands(Utf8JsonWriter w, CampaignPlan plan)
    {
        Span<byte> buffer = stackalloc byte[32];
        if (plan.FragSessionSetup is { } setup && setup.TryWrite(buffer, out int written))
        {
            w.WriteString("frag_session_setup_req_hex", Convert.ToHexStringLower(buffer[..written]));
        }

        if (plan.ClassCSession is { } c && c.TryWrite(buffer, out written))
        {
            w.WriteString("mc_class_c_session_req_hex", Convert.ToHexStringLower(buffer[..written]));
        }

        if (plan.ClassBSession is { } b && b.TryWrite(buffer, out written))
        {
            w.WriteString("mc_class_b_session_req_hex", Convert.ToHexStringLower(buffer[..written]));
        }
    }

    // "errors": the sentences, as always; "error_codes": the same issues as snake_case codes, in the same order.
    private static void WriteIssues(Utf8JsonWriter w, string name, IReadOnlyList<PlanIssue> issues)
    {
        w.WriteStartArray(name);
        foreach (PlanIssue issue in issues)
        {
            w.WriteStringValue(issue.Message);
        }

        w.WriteEndArray();
        w.WriteStartArray(name[..^1] + "_codes");
        foreach (PlanIssue issue in issues)
        {
            w.WriteStringValue(JsonNamingPolicy.SnakeCaseLower.ConvertName(issue.Code.ToString()));
        }

        w.WriteEndArray();
    }

    internal static string Render(CampaignPlan plan, bool schedule)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            Write(writer, plan, schedule);
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
