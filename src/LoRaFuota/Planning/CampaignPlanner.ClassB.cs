using LoRaFuota.Multicast;

namespace LoRaFuota.Planning;

/// <content>Class B: fragments in the group's ping slots, as many per beacon period as the duty cycle allows.</content>
public static partial class CampaignPlanner
{
    private const int MaxPingSlots = 128;

    private static CampaignPlan PlanClassB(CampaignPlanOptions options, CampaignPlan plan, List<PlanIssue> errors, List<PlanIssue> warnings, List<Transmission> transmissions)
    {
        double toa = plan.TimeOnAir.TotalSeconds;
        int allowed = plan.DutyCycle < 1 ? (int)Math.Floor(plan.DutyCycle * BeaconSeconds / toa) : MaxPingSlots;
        if (allowed < 1)
        {
            errors.Add(new(PlanIssueCode.DutyCycleTooLow, Invariant($"The {plan.DutyCycle:P1} duty cycle allows {plan.DutyCycle * BeaconSeconds:F1} s of air per 128 s beacon period, less than one {toa * 1000:F0} ms fragment.")));
            return plan;
        }

        byte periodicity = options.Periodicity ?? ChoosePeriodicity(allowed, toa + options.SchedulingMargin.TotalSeconds);
        int pingNb = AppLayerTiming.GetPingSlotsPerBeaconPeriod(periodicity);
        if (AppLayerTiming.GetPingSlotPeriod(periodicity).TotalSeconds < toa)
        {
            errors.Add(new(PlanIssueCode.PingSlotTooShort, Invariant($"A {toa * 1000:F0} ms fragment does not fit between ping slots {AppLayerTiming.GetPingSlotPeriod(periodicity).TotalSeconds:F2} s apart (periodicity {periodicity}); use a higher periodicity or a faster data rate.")));
            return plan;
        }

        int step = (int)Math.Ceiling((double)pingNb / Math.Min(pingNb, allowed)); // use every step-th slot to respect the duty cycle
        if (options.ServerSpacing is TimeSpan server)
        {
            // The server takes the next ping slot after its margin: slots closer than that are never used.
            step = Math.Max(step, (int)Math.Ceiling(server / AppLayerTiming.GetPingSlotPeriod(periodicity)));
        }

        int perPeriod = (pingNb + step - 1) / step;
        if (step > 1)
        {
            warnings.Add(new(PlanIssueCode.PeriodicityWastesEnergy, Invariant($"Periodicity {periodicity} opens {pingNb} ping slots per beacon period but the duty cycle fills only {perPeriod}; periodicity {ChoosePeriodicity(allowed, toa)} would save device energy.")));
        }

        if (options.GatewayMode == GatewayMode.Sequential && options.Gateways > 1)
        {
            warnings.Add(new(PlanIssueCode.PingSlotsSimultaneous, "Class B ping slots are absolute times: every gateway transmits in the same slot, as if synchronised."));
        }

        long startGps = GpsTime.FromDateTimeOffset(options.Start + SetupLeadTime(options));
        long sessionGps = (startGps + BeaconSeconds - 1) / BeaconSeconds * BeaconSeconds; // TS005 v2: SessionTime on a beacon boundary
        DateTimeOffset sessionStart = GpsTime.ToDateTimeOffset(sessionGps);
        int frames = plan.NbFrag + plan.Redundancy + (options.StatusRequest ? 1 : 0);
        Span<TimeSpan> offsets = stackalloc TimeSpan[MaxPingSlots];
        int frame = 0;
        TimeSpan margin = options.ServerSpacing ?? TimeSpan.Zero;
        DateTimeOffset previous = DateTimeOffset.MinValue;
        for (long beacon = sessionGps; frame < frames; beacon += BeaconSeconds)
        {
            int count = PingSlots.GetSlotOffsets(beacon, options.McAddr, periodicity, offsets);
            DateTimeOffset beaconTime = GpsTime.ToDateTimeOffset(beacon);
            for (int slot = 0; slot < count && frame < frames; slot += step)
            {
                DateTimeOffset at = beaconTime + offsets[slot];
                if (at - previous < margin)
                {
                    continue; // across a beacon boundary the server's margin can skip a slot the step would use
                }

                for (int gateway = 0; gateway < options.Gateways; gateway++)
                {
                    transmissions.Add(new Transmission(frame, at, gateway));
                }

                previous = at;
                frame++;
            }
        }

        DateTimeOffset lastEnd = transmissions[^1].Time + plan.TimeOnAir;
        TimeSpan duration = lastEnd - sessionStart;
        if (!AppLayerTiming.TryGetClassBTimeOutCode(duration, out byte code))
        {
            errors.Add(new(PlanIssueCode.SessionTooLong, Invariant($"The class B session needs {duration.TotalDays:F1} days, more than 2^15 beacon periods (48.5 days) the TS005 TimeOut field allows.")));
            code = AppLayerTiming.MaxTimeOutCode;
        }

        return plan with
        {
            Periodicity = periodicity,
            FragmentsPerBeaconPeriod = perPeriod,
            PingSlotStep = step,
            Spacing = TimeSpan.FromSeconds((double)BeaconSeconds / perPeriod),
            TotalAirtime = plan.TimeOnAir * transmissions.Count,
            SessionStart = sessionStart,
            SessionDuration = duration,
            SessionTimeoutCode = code,
            SessionTimeout = AppLayerTiming.GetClassBSessionTimeout(code),
            ClassBSession = !Encodable(plan.FrequencyHz) ? null : new McClassBSessionReq
            {
                McGroupId = 0,
                SessionTime = GpsTime.ToUInt32(sessionGps),
                TimeOut = code,
                Periodicity = periodicity,
                DlFrequencyHz = plan.FrequencyHz,
                DataRate = (byte)plan.DataRate!.Index,
            },
        };
    }

    // The most ping slots per period the duty cycle can fill, as a power of two, whose slots are far enough apart.
    private static byte ChoosePeriodicity(int allowed, double seconds)
    {
        for (byte periodicity = 0; periodicity <= 7; periodicity++)
        {
            if (AppLayerTiming.GetPingSlotsPerBeaconPeriod(periodicity) <= allowed && AppLayerTiming.GetPingSlotPeriod(periodicity).TotalSeconds >= seconds)
            {
                return periodicity;
            }
        }

        return 7;
    }
}
