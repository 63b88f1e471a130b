using System.Globalization;
using System.Security;
using System.Text;
using LoRaFuota.Planning;

namespace LoRaFuota.Cli.Planning;

/// <summary>A timeline picture of a plan: setup, session window, fragment bursts, status requests.</summary>
internal static class PlanSvg
{
    private const int Width = 1000;
    private const int Left = 150;
    private const int Right = 30;
    private const int LaneHeight = 34;
    private const int Top = 60;

    public static string Render(CampaignPlan plan)
    {
        DateTimeOffset from = plan.SetupStart;
        DateTimeOffset sessionEnd = plan.SessionStart + (plan.SessionTimeout > plan.SessionDuration ? plan.SessionTimeout : plan.SessionDuration);
        double total = Math.Max((sessionEnd - from).TotalSeconds, 1);
        double scale = (Width - Left - Right) / total;
        double X(DateTimeOffset t) => Left + ((t - from).TotalSeconds * scale);

        var svg = new StringBuilder();
        CultureInfo c = CultureInfo.InvariantCulture;
        int height = Top + (4 * LaneHeight) + 50;
        svg.Append(c, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" viewBox=\"0 0 {Width} {height}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.Append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        string title = string.Create(c, $"{plan.Region} {plan.DataRate} {(plan.Class == MulticastClass.ClassC ? "class C" : "class B")}: M={plan.NbFrag} R={plan.Redundancy} F={plan.FragmentSize} B, {(plan.Feasible ? "feasible" : "NOT feasible")}");
        svg.Append(c, $"<text x=\"10\" y=\"24\" font-size=\"16\" font-weight=\"bold\">{SecurityElement.Escape(title)}</text>\n");
        svg.Append(c, $"<text x=\"10\" y=\"44\" fill=\"#555\">{SecurityElement.Escape($"{from:u} → {sessionEnd:u}; success {plan.SuccessProbability.ToString("P1", c)} at {plan.ExpectedLoss.ToString("P0", c)} loss")}</text>\n");

        Lane(svg, 0, "setup (unicast)");
        Bar(svg, 0, X(plan.SetupStart), X(plan.SessionStart), "#9ecae1");
        Lane(svg, 1, "session window");
        Bar(svg, 1, X(plan.SessionStart), X(plan.SessionStart + plan.SessionTimeout), "#c7e9c0");
        Bar(svg, 1, X(plan.SessionStart), X(plan.SessionStart + plan.SessionDuration), "#74c476");
        Lane(svg, 2, "fragments");
        Lane(svg, 3, "status requests");
        int lastColumn = -1;
        foreach (ScheduledDownlink downlink in plan.Schedule)
        {
            int lane = downlink.Kind == DownlinkKind.DataFragment ? 2 : 3;
            int column = (int)X(downlink.NotBefore);
            if (lane == 2 && column == lastColumn)
            {
                continue; // one tick per pixel column: a burst reads as a solid band
            }

            lastColumn = lane == 2 ? column : lastColumn;
            string color = lane == 2 ? (downlink.FragmentNumber > plan.NbFrag ? "#e6550d" : "#3182bd") : "#756bb1";
            int y = Top + (lane * LaneHeight) + 6;
            svg.Append(c, $"<line x1=\"{column}\" y1=\"{y}\" x2=\"{column}\" y2=\"{y + LaneHeight - 12}\" stroke=\"{color}\" stroke-width=\"{(lane == 3 ? 3 : 1)}\"/>\n");
        }

        int axis = Top + (4 * LaneHeight) + 10;
        svg.Append(c, $"<line x1=\"{Left}\" y1=\"{axis}\" x2=\"{Width - Right}\" y2=\"{axis}\" stroke=\"#333\"/>\n");
        for (int i = 0; i <= 4; i++)
        {
            DateTimeOffset t = from + TimeSpan.FromSeconds(total * i / 4);
            double x = X(t);
            svg.Append(c, $"<line x1=\"{x:F1}\" y1=\"{axis}\" x2=\"{x:F1}\" y2=\"{axis + 5}\" stroke=\"#333\"/><text x=\"{x:F1}\" y=\"{axis + 18}\" text-anchor=\"middle\" fill=\"#333\">{t:HH:mm}</text>\n");
        }

        svg.Append(c, $"<text x=\"{Left}\" y=\"{axis + 36}\" fill=\"#555\">blue: uncoded fragments, orange: coded fragments, purple: FragSessionStatusReq</text>\n");
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static void Lane(StringBuilder svg, int lane, string label)
    {
        int y = Top + (lane * LaneHeight);
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"10\" y=\"{y + 22}\">{label}</text><rect x=\"{Left}\" y=\"{y + 4}\" width=\"{Width - Left - Right}\" height=\"{LaneHeight - 8}\" fill=\"#f5f5f5\"/>\n");
    }

    private static void Bar(StringBuilder svg, int lane, double x1, double x2, string color)
    {
        int y = Top + (lane * LaneHeight) + 4;
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x1:F1}\" y=\"{y}\" width=\"{Math.Max(x2 - x1, 1):F1}\" height=\"{LaneHeight - 8}\" fill=\"{color}\"/>\n");
    }
}
