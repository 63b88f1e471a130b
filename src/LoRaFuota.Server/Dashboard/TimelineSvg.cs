using System.Globalization;
using System.Net;
using System.Text;
using LoRaFuota.Campaigns;
using LoRaFuota.Server.Api;
using LoRaFuota.Storage.Model;

namespace LoRaFuota.Server.Dashboard;

/// <summary>The campaign timeline: one row per device, coloured by state from its history, from creation to the end (or the last change).</summary>
internal static class TimelineSvg
{
    private const int Left = 150, RowHeight = 14, Width = 900, Top = 24;

    public static string Color(OtaState state) => state switch
    {
        OtaState.Queued => "#b0b7c3",
        OtaState.Initiated => "#8ab4f8",
        OtaState.Downloading => "#4285f4",
        OtaState.Downloaded => "#24a1c1",
        OtaState.Verified => "#1e8e3e",
        OtaState.Updating => "#f9ab00",
        OtaState.Updated => "#137333",
        _ => "#d93025",
    };

    public static string Render(CampaignReport report)
    {
        DateTimeOffset start = report.Campaign.CreatedAt;
        DateTimeOffset end = report.Campaign.EndedAt ?? (report.History.Count == 0 ? start : report.History.Max(h => h.At));
        if (report.History.Count > 0 && report.History.Min(h => h.At) < start)
        {
            start = report.History.Min(h => h.At);
        }

        double span = Math.Max((end - start).TotalSeconds, 1);
        int height = Top + (report.Devices.Count * RowHeight) + 30;
        var svg = new StringBuilder();
        Append(svg, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width + Left + 10}\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"10\">");
        Append(svg, $"<text x=\"4\" y=\"14\" font-size=\"12\">{WebUtility.HtmlEncode(report.Campaign.Name)}: {span / 60:F1} min</text>");
        int row = 0;
        foreach (DeviceRecord device in report.Devices)
        {
            int y = Top + (row++ * RowHeight);
            Append(svg, $"<text x=\"4\" y=\"{y + 10}\">{device.DevEui}</text>");
            DeviceHistoryEntry[] changes = [.. report.History.Where(h => h.DevEui == device.DevEui)];
            OtaState state = OtaState.Queued;
            DateTimeOffset from = start;
            foreach (DeviceHistoryEntry change in changes)
            {
                Segment(svg, y, start, span, from, change.At, state);
                (state, from) = (change.State, change.At);
            }

            Segment(svg, y, start, span, from, end, state);
            Append(svg, $"<title>{device.DevEui}: {CampaignNames.State(device.State)}</title>");
        }

        int legendY = Top + (report.Devices.Count * RowHeight) + 16;
        int x = Left;
        foreach (OtaState state in Enum.GetValues<OtaState>())
        {
            Append(svg, $"<rect x=\"{x}\" y=\"{legendY - 9}\" width=\"10\" height=\"10\" fill=\"{Color(state)}\"/><text x=\"{x + 13}\" y=\"{legendY}\">{CampaignNames.State(state)}</text>");
            x += 95;
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    private static void Segment(StringBuilder svg, int y, DateTimeOffset start, double span, DateTimeOffset from, DateTimeOffset to, OtaState state)
    {
        double x0 = Left + ((from - start).TotalSeconds / span * Width);
        double x1 = Left + ((to - start).TotalSeconds / span * Width);
        if (x1 > x0)
        {
            Append(svg, $"<rect x=\"{x0:F1}\" y=\"{y}\" width=\"{x1 - x0:F1}\" height=\"{RowHeight - 3}\" fill=\"{Color(state)}\"><title>{CampaignNames.State(state)} from {from:O}</title></rect>");
        }
    }

    private static void Append(StringBuilder svg, FormattableString text) => svg.Append(text.ToString(CultureInfo.InvariantCulture));
}
