using System.Globalization;
using LoRaFuota.Planning;

namespace LoRaFuota.Cli.Planning;

/// <summary>The human-readable plan summary.</summary>
internal static class PlanText
{
    public static void Write(TextWriter output, CampaignPlan plan)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"FUOTA campaign plan: {plan.ImageSize} bytes, {plan.Region} {plan.DataRate?.ToString() ?? "?"}, {(plan.Class == MulticastClass.ClassC ? "class C" : "class B")} at {plan.FrequencyHz / 1e6:F3} MHz"));
        output.WriteLine(plan.Feasible ? "  FEASIBLE" : "  NOT FEASIBLE:");
        foreach (PlanIssue error in plan.Errors)
        {
            output.WriteLine("    - " + error.Message);
        }

        output.WriteLine(string.Create(c, $"  fragments     M = {plan.NbFrag} × {plan.FragmentSize} B (padding {plan.Padding}) + R = {plan.Redundancy} coded = {plan.NbFrag + plan.Redundancy}"));
        output.WriteLine(string.Create(c, $"  time on air   {plan.TimeOnAir.TotalMilliseconds:F1} ms per fragment, {plan.TotalAirtime.TotalMinutes:F1} min in all"));
        string duty = plan.DutyCycle < 1 ? string.Create(c, $"{plan.DutyCycle:P1} duty cycle") : "no duty cycle";
        output.WriteLine(plan.Class == MulticastClass.ClassC
            ? string.Create(c, $"  spacing       {plan.Spacing.TotalSeconds:F3} s between fragments ({duty})")
            : string.Create(c, $"  ping slots    periodicity {plan.Periodicity}: {plan.FragmentsPerBeaconPeriod} fragments per 128 s beacon period ({duty})"));
        output.WriteLine(string.Create(c, $"  setup         from {plan.SetupStart:u} (unicast, class A)"));
        output.WriteLine(string.Create(c, $"  session       starts {plan.SessionStart:u}, lasts {Duration(plan.SessionDuration)}; TimeOut code {plan.SessionTimeoutCode} allows {Duration(plan.SessionTimeout)}"));
        output.WriteLine(string.Create(c, $"  success       {plan.SuccessProbability:P2} of devices at {plan.ExpectedLoss:P1} loss ({plan.SuccessMethod})"));
        output.WriteLine(string.Create(c, $"  device memory {plan.DeviceMemoryBytes} bytes (block + decoder matrix)"));
        if (plan.Schedule.Count > 0)
        {
            output.WriteLine(string.Create(c, $"  downlinks     {plan.Schedule.Count} multicast frames on FPort 201, {plan.Schedule[0].NotBefore:u} to {plan.Schedule[^1].NotBefore:u}"));
        }

        foreach (PlanIssue warning in plan.Warnings)
        {
            output.WriteLine("  note: " + warning.Message);
        }
    }

    public static string Duration(TimeSpan span) => span.TotalHours >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalHours:F2} h")
        : string.Create(CultureInfo.InvariantCulture, $"{span.TotalMinutes:F1} min");
}
