using LoRaFuota.Multicast;

namespace LoRaFuota.Planning;

/// <content>Class C: fragments spaced by time on air, the sub-band duty cycle and the gateways.</content>
public static partial class CampaignPlanner
{
    private const int ChirpStackClassCMarginSeconds = 5;

    // Spacing s keeps every rolling hour within the duty cycle even when a window catches one more frame at its edge:
    // (3600/s + 1)·ToA ≤ dc·3600  ⇔  s ≥ ToA / (dc − ToA/3600).
    private static CampaignPlan PlanClassC(CampaignPlanOptions options, CampaignPlan plan, List<PlanIssue> errors, List<PlanIssue> warnings, List<Transmission> transmissions)
    {
        double toa = plan.TimeOnAir.TotalSeconds;
        double slot = toa + options.SchedulingMargin.TotalSeconds;
        double perGateway = slot;
        if (plan.DutyCycle < 1)
        {
            double headroom = plan.DutyCycle - (toa / HourSeconds);
            if (headroom <= 0)
            {
                errors.Add(new(PlanIssueCode.DutyCycleTooLow, Invariant($"The {plan.DutyCycle:P1} duty cycle at {plan.FrequencyHz / 1e6:F3} MHz cannot carry one {toa * 1000:F0} ms fragment per hour.")));
                return plan;
            }

            perGateway = Math.Max(slot, toa / headroom);
        }

        bool sequential = options.GatewayMode == GatewayMode.Sequential && options.Gateways > 1;
        double server = (options.ServerSpacing?.TotalSeconds ?? 0) * (sequential ? options.Gateways : 1); // the server's own pacing
        double period = Math.Ceiling(Math.Max(Math.Max(perGateway, sequential ? options.Gateways * slot : slot), server) * 1000) / 1000;
        if (plan.DutyCycle < 1 && ChirpStackClassCMarginSeconds < perGateway && options.ServerSpacing is null)
        {
            warnings.Add(new(PlanIssueCode.FixedSpacingBreaksDutyCycle, Invariant($"A fixed {ChirpStackClassCMarginSeconds} s spacing (ChirpStack's class C default) would break the {plan.DutyCycle:P1} duty cycle here: each fragment needs {perGateway:F2} s.")));
        }

        if (sequential)
        {
            warnings.Add(new(PlanIssueCode.GatewaysInSequence, Invariant($"{options.Gateways} gateways one after another: each fragment takes {options.Gateways} transmissions; GPS-synchronised gateways (simultaneous) would keep the session {options.Gateways}× shorter where the duty cycle allows.")));
        }

        DateTimeOffset sessionStart = WholeSecond(options.Start + SetupLeadTime(options));
        int frames = plan.NbFrag + plan.Redundancy + (options.StatusRequest ? 1 : 0);
        DateTimeOffset first = sessionStart + SessionGuard;
        for (int frame = 0; frame < frames; frame++)
        {
            DateTimeOffset at = first + TimeSpan.FromSeconds(frame * period);
            for (int gateway = 0; gateway < options.Gateways; gateway++)
            {
                transmissions.Add(new Transmission(frame, sequential ? at + TimeSpan.FromSeconds(gateway * slot) : at, gateway));
            }
        }

        DateTimeOffset lastEnd = transmissions[^1].Time + plan.TimeOnAir;
        TimeSpan duration = lastEnd - sessionStart;
        if (!AppLayerTiming.TryGetClassCTimeOutCode(duration, out byte code))
        {
            errors.Add(new(PlanIssueCode.SessionTooLong, Invariant($"The class C session needs {duration.TotalHours:F1} h ({duration.TotalSeconds:F0} s), more than the 2^15 s (9.1 h) the TS005 TimeOut field allows; use a faster data rate, class B, fewer gateways in sequence, or a smaller image.")));
            code = AppLayerTiming.MaxTimeOutCode;
        }

        return plan with
        {
            Spacing = TimeSpan.FromSeconds(period),
            TotalAirtime = plan.TimeOnAir * transmissions.Count,
            SessionStart = sessionStart,
            SessionDuration = duration,
            SessionTimeoutCode = code,
            SessionTimeout = AppLayerTiming.GetClassCSessionTimeout(code),
            ClassCSession = !Encodable(plan.FrequencyHz) ? null : new McClassCSessionReq
            {
                McGroupId = 0,
                SessionTime = GpsTime.ToUInt32(GpsTime.FromDateTimeOffset(sessionStart)),
                TimeOut = code,
                DlFrequencyHz = plan.FrequencyHz,
                DataRate = (byte)plan.DataRate!.Index,
            },
        };
    }

    private static DateTimeOffset WholeSecond(DateTimeOffset time)
    {
        long ticks = time.UtcTicks;
        long rounded = (ticks + TimeSpan.TicksPerSecond - 1) / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond;
        return new DateTimeOffset(rounded, TimeSpan.Zero);
    }
}
