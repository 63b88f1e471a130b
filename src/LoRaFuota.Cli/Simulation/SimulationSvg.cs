using System.Globalization;
using System.Security;
using System.Text;
using LoRaFuota.Campaigns;
using LoRaFuota.Campaigns.Events;
using LoRaFuota.Simulation;

namespace LoRaFuota.Cli.Simulation;

/// <summary>A timeline picture of a simulated campaign: setup, session windows, fragments, status polls and the devices per state over time.</summary>
internal static class SimulationSvg
{
    private const int Width = 1000;
    private const int Left = 150;
    private const int Right = 30;
    private const int LaneHeight = 30;
    private const int Top = 60;
    private const int ChartHeight = 180;
    private const int Samples = 200;
    private static readonly string[] s_colours = ["#d9d9d9", "#9ecae1", "#6baed6", "#fdae6b", "#fd8d3c", "#bcbddc", "#31a354", "#de2d26"];

    public static string Render(SimulationResult result)
    {
        var timeline = new SimulationTimeline(result);
        CultureInfo c = CultureInfo.InvariantCulture;
        double total = (timeline.End - timeline.Start).TotalSeconds;
        double scale = (Width - Left - Right) / total;
        double X(DateTimeOffset t) => Left + ((t - timeline.Start).TotalSeconds * scale);

        int chartTop = Top + (4 * LaneHeight) + 20;
        int height = chartTop + ChartHeight + 70;
        var svg = new StringBuilder();
        svg.Append(c, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" viewBox=\"0 0 {Width} {height}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.Append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        string title = string.Create(c, $"{result.Devices} devices, {result.Plan.Region} {result.Plan.DataRate}: {result.Updated} updated, {result.Failed} failed");
        svg.Append(c, $"<text x=\"10\" y=\"24\" font-size=\"16\" font-weight=\"bold\">{SecurityElement.Escape(title)}</text>\n");
        svg.Append(c, $"<text x=\"10\" y=\"44\" fill=\"#555\">{SecurityElement.Escape(string.Create(c, $"{result.FragmentsSent} fragments, {result.Airtime.TotalSeconds:F0} s of downlink air, {result.Duration.TotalHours:F2} h (virtual)"))}</text>\n");

        Lane(svg, 0, "setup (unicast)");
        Lane(svg, 1, "session windows");
        Lane(svg, 2, "fragments");
        Lane(svg, 3, "status polls");
        if (timeline.Sessions.Count > 0)
        {
            Bar(svg, 0, X(timeline.Start), X(timeline.Sessions.Min(s => s.SessionStart)), "#9ecae1");
        }

        foreach (SessionScheduled session in timeline.Sessions)
        {
            Bar(svg, 1, X(session.SessionStart), X(session.SessionEnd), session.Group % 2 == 0 ? "#74c476" : "#a1d99b");
        }

        int lastColumn = -1;
        foreach (MulticastSent sent in timeline.Multicast)
        {
            int lane = sent.Kind == MulticastPayloadKind.DataFragment ? 2 : 3;
            int column = (int)X(sent.NotBefore);
            if (lane == 2 && column == lastColumn)
            {
                continue; // a burst reads as a band
            }

            lastColumn = lane == 2 ? column : lastColumn;
            string colour = lane == 3 ? "#756bb1" : sent.FragmentNumber > result.Plan.NbFrag ? "#e6550d" : "#3182bd";
            int y = Top + (lane * LaneHeight) + 5;
            svg.Append(c, $"<line x1=\"{column}\" y1=\"{y}\" x2=\"{column}\" y2=\"{y + LaneHeight - 10}\" stroke=\"{colour}\" stroke-width=\"{(lane == 3 ? 3 : 1)}\"/>\n");
        }

        StateChart(svg, timeline, chartTop, X);
        int axis = chartTop + ChartHeight + 10;
        svg.Append(c, $"<line x1=\"{Left}\" y1=\"{axis}\" x2=\"{Width - Right}\" y2=\"{axis}\" stroke=\"#333\"/>\n");
        for (int i = 0; i <= 4; i++)
        {
            double x = Left + ((Width - Left - Right) * i / 4.0);
            TimeSpan at = TimeSpan.FromSeconds(total * i / 4);
            svg.Append(c, $"<text x=\"{x:F0}\" y=\"{axis + 16}\" text-anchor=\"middle\" fill=\"#333\">+{(int)at.TotalHours:00}:{at.Minutes:00}</text>\n");
        }

        Legend(svg, axis + 34);
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static void StateChart(StringBuilder svg, SimulationTimeline timeline, int top, Func<DateTimeOffset, double> x)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        svg.Append(c, $"<text x=\"10\" y=\"{top + (ChartHeight / 2)}\" fill=\"#333\">devices per state</text>\n");
        int[][] counts = timeline.CountsOverTime(Samples);
        double perDevice = ChartHeight / (double)Math.Max(timeline.Devices, 1);
        var below = new double[Samples];
        for (int state = SimulationTimeline.States.Length - 1; state >= 0; state--)
        {
            var points = new StringBuilder();
            var lower = new List<string>();
            for (int i = 0; i < Samples; i++)
            {
                double px = x(timeline.Start + ((timeline.End - timeline.Start) * i / (Samples - 1)));
                double bottom = top + ChartHeight - below[i];
                double upper = bottom - (counts[i][state] * perDevice);
                points.Append(c, $"{px:F1},{upper:F1} ");
                lower.Add(string.Create(c, $"{px:F1},{bottom:F1}"));
                below[i] += counts[i][state] * perDevice;
            }

            lower.Reverse();
            svg.Append(c, $"<polygon points=\"{points}{string.Join(' ', lower)}\" fill=\"{s_colours[state]}\" stroke=\"none\"/>\n");
        }
    }

    private static void Legend(StringBuilder svg, int y)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        for (int i = 0; i < SimulationTimeline.States.Length; i++)
        {
            int x = Left + (i * 105);
            svg.Append(c, $"<rect x=\"{x}\" y=\"{y - 10}\" width=\"12\" height=\"12\" fill=\"{s_colours[i]}\"/>\n");
            svg.Append(c, $"<text x=\"{x + 16}\" y=\"{y}\" fill=\"#333\" font-size=\"11\">{CampaignNames.State(SimulationTimeline.States[i])}</text>\n");
        }
    }

    private static void Lane(StringBuilder svg, int lane, string label) =>
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"10\" y=\"{Top + (lane * LaneHeight) + 19}\" fill=\"#333\">{label}</text>\n");

    private static void Bar(StringBuilder svg, int lane, double x1, double x2, string colour) =>
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x1:F1}\" y=\"{Top + (lane * LaneHeight) + 5}\" width=\"{Math.Max(x2 - x1, 1):F1}\" height=\"{LaneHeight - 10}\" fill=\"{colour}\"/>\n");
}
