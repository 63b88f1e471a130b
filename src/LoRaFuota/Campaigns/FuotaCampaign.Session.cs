using LoRaFuota.Campaigns.Events;
using LoRaFuota.Campaigns.State;
using LoRaFuota.Fragmentation;
using LoRaFuota.Multicast;
using LoRaFuota.Packages;
using LoRaFuota.Payloads;
using LoRaFuota.Planning;
using LoRaFuota.Security;

namespace LoRaFuota.Campaigns;

/// <content>The multicast sessions: when they start, what goes out in which slot, when they close.</content>
public sealed partial class FuotaCampaign
{
    private const int BeaconSeconds = 128;

    private void RunCohorts()
    {
        TryScheduleSessions();
        foreach (CohortState cohort in _state.Cohorts)
        {
            RunCohort(cohort);
        }
    }

    private bool AnyDeviceSettingUp() =>
        CountIn(DeviceStage.Queued) + CountIn(DeviceStage.Negotiating) + CountIn(DeviceStage.Syncing) + CountIn(DeviceStage.SettingUp) > 0;

    private TimeSpan SessionLead() => Settings.SessionLeadTime ?? SlowestTimeout() * 4; // three retries for every device

    private TimeSpan SetupTimeout() => Settings.SetupTimeout ?? SlowestTimeout() * 4;

    private TimeSpan SlowestTimeout()
    {
        if (_slowestTimeout is null)
        {
            TimeSpan slowest = TimeSpan.Zero;
            foreach (DeviceState device in _state.Devices)
            {
                TimeSpan timeout = AnswerTimeout(device, RequestKind.Session);
                slowest = timeout > slowest ? timeout : slowest;
            }

            _slowestTimeout = slowest;
        }

        return _slowestTimeout.Value;
    }

    // The sessions are scheduled when every device is set up (or out), or when the setup timeout runs out, or in time
    // for a fixed session start.
    private DateTimeOffset? SchedulingWakeUp()
    {
        if (_state.SessionsScheduled || Settings.Delivery != CampaignDelivery.Multicast || _state.Cancelled || _state.StartedAt is not DateTimeOffset started)
        {
            return null;
        }

        // A fixed start is kept when there is time to ask every device before it; one already out of reach counts as
        // "as soon as setup allows" (it is moved when the sessions are scheduled).
        DateTimeOffset deadline = started + PacingSpan() + SetupTimeout(); // the last paced device gets the full setup time
        return Settings.SessionStart is DateTimeOffset start && start - SessionLead() >= started + PacingSpan() ? Earliest(deadline, start - SessionLead()) : deadline;
    }

    private void TryScheduleSessions()
    {
        if (_state.SessionsScheduled || !_state.Started || _state.Cancelled || Settings.Delivery != CampaignDelivery.Multicast)
        {
            return;
        }

        if (AnyDeviceSettingUp() && !(Now >= SchedulingWakeUp()))
        {
            return;
        }

        _state.SessionsScheduled = true;
        DateTimeOffset earliest = WholeSecond(Now + SessionLead());
        DateTimeOffset start = Settings.SessionStart is DateTimeOffset fixedStart && fixedStart > Now + SlowestTimeout()
            ? fixedStart
            : earliest; // a fixed start that has (nearly) passed would only earn StartMissed answers
        foreach (CohortState cohort in _state.Cohorts)
        {
            List<DeviceState> members = Members(cohort);
            if (!members.Any(d => d.Stage is DeviceStage.Ready or DeviceStage.SettingUp or DeviceStage.Syncing))
            {
                cohort.Stage = CohortStage.Closed; // everyone failed during setup: no group, no session
                continue;
            }

            start = AlignSessionStart(start);
            ScheduleCohort(cohort, start, members);
            start += Settings.SessionDuration + Settings.Spacing; // the next group's session follows this one's transmissions
        }
    }

    private DateTimeOffset AlignSessionStart(DateTimeOffset start)
    {
        if (Settings.Class != MulticastClass.ClassB)
        {
            return start;
        }

        long gps = GpsTime.FromDateTimeOffset(start);
        if (GpsTime.ToDateTimeOffset(gps) < start)
        {
            gps++;
        }

        return GpsTime.ToDateTimeOffset((gps + BeaconSeconds - 1) / BeaconSeconds * BeaconSeconds); // TS005 v2: a beacon boundary
    }

    private static DateTimeOffset WholeSecond(DateTimeOffset time) =>
        new((time.UtcTicks + TimeSpan.TicksPerSecond - 1) / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);

    private void ScheduleCohort(CohortState cohort, DateTimeOffset start, List<DeviceState> members)
    {
        CampaignSettings s = Settings;
        cohort.SessionStart = start;
        cohort.TimeoutCode = s.TimeoutCode;
        cohort.WindowEnd = start + (s.Class == MulticastClass.ClassB
            ? AppLayerTiming.GetClassBSessionTimeout(s.TimeoutCode)
            : AppLayerTiming.GetClassCSessionTimeout(s.TimeoutCode));
        cohort.Stage = CohortStage.Scheduled;
        cohort.NextSlotFrom = start;
        cohort.NextFragment = 1;
        cohort.NextFreshN = 1;
        cohort.SendLimit = s.NbFrag + (s.ClosedLoop ? Math.Min(s.ClosedLoopBurst, s.Redundancy) : s.Redundancy);
        cohort.GroupActionId = NextActionId();
        cohort.GroupCreated = true;
        _actions.Add(new MulticastGroupCreation(
            cohort.GroupActionId,
            cohort.Index,
            cohort.McAddr,
            MulticastKeys.DeriveMcAppSKey(cohort.McKey, cohort.McAddr),
            MulticastKeys.DeriveMcNwkSKey(cohort.McKey, cohort.McAddr),
            s.MinMcFCnt,
            s.Class,
            s.DataRate,
            s.FrequencyHz,
            s.Class == MulticastClass.ClassB ? s.Periodicity : (byte)0,
            [.. members.Select(d => d.DevEui)],
            start,
            cohort.WindowEnd.Value));
        List<DeviceState> ready = [.. members.Where(d => d.Stage == DeviceStage.Ready)];
        _events.Add(new SessionScheduled(Now, cohort.Index, cohort.McAddr, cohort.Fragmentation, ready.Count, start, cohort.WindowEnd.Value, cohort.TimeoutCode));
        foreach (DeviceState device in ready)
        {
            SendSessionRequest(device, cohort);
        }
    }

    private List<DeviceState> Members(CohortState cohort) => [.. _state.Devices.Where(d => d.Cohort == cohort.Index)];

    private void SendSessionRequest(DeviceState device, CohortState cohort)
    {
        device.SessionRequested = true;
        SetStage(device, DeviceStage.Joining);
        SendRequest(device, RequestKind.Session);
        PendingRequest pending = Find(device, RequestKind.Session)!;
        if (pending.Deadline > cohort.SessionStart)
        {
            pending.Deadline = cohort.SessionStart!.Value; // an answer after the start is no use for planning
            Reschedule(device);
        }
    }

    // McClassCSessionAns and McClassBSessionAns share one layout: read it once.
    private void OnSessionAnswer(DeviceState device, AppLayerCommand command, ReadOnlySpan<byte> bytes, PackageVersion version, DateTimeOffset receivedAt)
    {
        AppLayerCommand answerCommand = Settings.Class == MulticastClass.ClassB ? AppLayerCommand.McClassBSessionAns : AppLayerCommand.McClassCSessionAns;
        if (command != answerCommand)
        {
            Reject(device, device.MulticastSetupPort, $"{command} in a class {(Settings.Class == MulticastClass.ClassB ? 'B' : 'C')} campaign");
            return;
        }

        if (!McSessionAnsLayout.TryRead(bytes, bytes[0], version, out byte status, out uint? timeToStart, out _)
            || device.Stage != DeviceStage.Joining || !Answered(device, RequestKind.Session) || Cohort(device) is not CohortState cohort)
        {
            return;
        }

        // StartMissed is read in both versions (some v1 stacks set it); future-error bits 7:6 exist only in v2.
        bool startMissed = CommandCodec.Bit(status, McSessionAnsLayout.StartMissedBit);
        int futureErrors = version == PackageVersion.V2 ? (status >> McSessionAnsLayout.FutureErrorShift) & McSessionAnsLayout.FutureErrorBits : 0;
        bool rejected = CommandCodec.Bit(status, McSessionAnsLayout.DrErrorBit) || CommandCodec.Bit(status, McSessionAnsLayout.FreqErrorBit)
            || CommandCodec.Bit(status, McSessionAnsLayout.GroupUndefinedBit) || futureErrors != 0;

        if (rejected)
        {
            Fail(device, DeviceFailureReason.SessionRejected);
            return;
        }

        long expected = GpsTime.FromDateTimeOffset(cohort.SessionStart!.Value) - GpsTime.FromDateTimeOffset(receivedAt);
        bool clockOff = startMissed || timeToStart is not uint seconds || seconds == McClassCSessionAns.SaturatedTimeToStart
            || Math.Abs(seconds - expected) > Settings.ClockTolerance.TotalSeconds;
        if (!clockOff)
        {
            AcceptSession(device, cohort);
            return;
        }

        bool timeToResync = cohort.SessionStart - Now > AnswerTimeout(device, RequestKind.Session) * 2;
        if (device.ClockRetries < 1 && device.ClockSyncVersion is not null && timeToResync)
        {
            device.ClockRetries++;
            StartSync(device); // AfterSync asks again with the corrected clock
        }
        else if (startMissed)
        {
            Fail(device, DeviceFailureReason.ClockOutOfSync);
        }
        else
        {
            AcceptSession(device, cohort); // it joined with a skewed clock: it may still catch enough of the session
        }
    }

    /// <summary>The device is (or may be) in its group's session; if that session is already over, status and repair take over.</summary>
    private void EnterSession(DeviceState device)
    {
        SetStage(device, DeviceStage.InSession);
        if (Cohort(device)?.Stage == CohortStage.Closed)
        {
            StartRepair(device);
        }
    }

    private void AcceptSession(DeviceState device, CohortState cohort)
    {
        device.SessionAccepted = true;
        SetStage(device, DeviceStage.InSession);
        if (cohort.Stage is CohortStage.Sending or CohortStage.Closing)
        {
            SetState(device, OtaState.Downloading);
        }
    }

    private void RunCohort(CohortState cohort)
    {
        if (cohort.Stage is CohortStage.Forming or CohortStage.Closed)
        {
            return;
        }

        if (cohort.Stage == CohortStage.Scheduled && Now >= cohort.SessionStart)
        {
            cohort.Stage = CohortStage.Sending;
            foreach (DeviceState device in Members(cohort))
            {
                if (device.Stage == DeviceStage.Joining)
                {
                    Answered(device, RequestKind.Session);
                    SetStage(device, DeviceStage.InSession); // unconfirmed: its answer may have been lost
                }

                if (device.SessionAccepted && device.Stage == DeviceStage.InSession)
                {
                    SetState(device, OtaState.Downloading);
                }
            }
        }

        if (cohort.Stage is CohortStage.Scheduled or CohortStage.Sending)
        {
            if (Now >= cohort.WindowEnd)
            {
                cohort.Done = true; // the window is over, whatever was still to come (a poll's answers included)
                cohort.PollWaitUntil = null;
                cohort.Stage = CohortStage.Closing;
            }
            else
            {
                IssueDue(cohort);
            }
        }

        if (cohort.Stage == CohortStage.Closing && Now >= cohort.WindowEnd)
        {
            CloseCohort(cohort);
        }
    }

    // Members still being set up count: they may join before the session starts.
    private bool AnyoneListening(CohortState cohort) =>
        _state.Devices.Any(d => d.Cohort == cohort.Index && !IsFinal(d.State) && !d.BlockComplete
            && d.Stage is DeviceStage.SettingUp or DeviceStage.Ready or DeviceStage.Syncing or DeviceStage.Joining or DeviceStage.InSession);

    /// <summary>Whether a device still setting up can make its group's session: not scheduled yet, or time left to ask it.</summary>
    private bool CanJoin(DeviceState device, CohortState cohort) =>
        cohort.Stage == CohortStage.Forming
            ? !_state.SessionsScheduled
            : cohort.Stage == CohortStage.Scheduled && cohort.SessionStart - Now > AnswerTimeout(device, RequestKind.Session);

    private void IssueDue(CohortState cohort)
    {
        while (true)
        {
            if (!cohort.Done && cohort.NextFragment == 1 && cohort.Polls == 0 && !AnyoneListening(cohort))
            {
                cohort.Done = true; // nobody is left to receive it, and nothing was sent: close at once
                cohort.WindowEnd = Now;
            }

            if (cohort.PollWaitUntil is DateTimeOffset wait)
            {
                if (Now < wait)
                {
                    return;
                }

                cohort.PollWaitUntil = null;
                cohort.NextSlotFrom = cohort.NextSlotFrom > Now ? cohort.NextSlotFrom : Now; // slots passed while waiting are gone
                AfterPoll(cohort);
            }

            if (PeekTransmission(cohort) is not (MulticastPayloadKind kind, int n, DateTimeOffset slot))
            {
                cohort.Done = true;
                cohort.Stage = CohortStage.Closing;
                return;
            }

            if (slot - Settings.DownlinkLeadTime > Now)
            {
                return;
            }

            Transmit(cohort, kind, n, slot);
        }
    }

    /// <summary>The next multicast transmission and its slot, or null when the multicast is over.</summary>
    private (MulticastPayloadKind Kind, int N, DateTimeOffset Slot)? PeekTransmission(CohortState cohort)
    {
        if (cohort.Done || cohort.PollWaitUntil is not null)
        {
            return null;
        }

        CampaignSettings s = Settings;
        MulticastPayloadKind kind = cohort.NextFragment <= cohort.SendLimit ? MulticastPayloadKind.DataFragment : MulticastPayloadKind.StatusPoll;
        if (kind == MulticastPayloadKind.StatusPoll && cohort.Polls >= s.MaxPolls)
        {
            return null;
        }

        DateTimeOffset slot = Slots(cohort).NextAtOrAfter(cohort.NextSlotFrom);
        TimeSpan airtime = kind == MulticastPayloadKind.DataFragment ? s.FragmentAirtime : s.PollAirtime;
        if (slot + airtime > cohort.WindowEnd || cohort.NextFCnt > s.MaxMcFCnt || cohort.NextFCnt < s.MinMcFCnt)
        {
            return null; // the window or the frame-counter range is used up
        }

        return (kind, kind == MulticastPayloadKind.DataFragment ? cohort.NextFragment : 0, slot);
    }

    private MulticastSlots Slots(CohortState cohort) =>
        Settings.Class == MulticastClass.ClassB
            ? MulticastSlots.ClassB(cohort.SessionStart!.Value, cohort.McAddr, Settings.Periodicity, Settings.PingSlotStep)
            : MulticastSlots.ClassC(cohort.SessionStart!.Value, Settings.Spacing);

    private void Transmit(CohortState cohort, MulticastPayloadKind kind, int n, DateTimeOffset slot)
    {
        CampaignSettings s = Settings;
        byte[] payload;
        TimeSpan airtime;
        if (kind == MulticastPayloadKind.DataFragment)
        {
            payload = new byte[DataFragment.HeaderLength + s.FragSize];
            Encoder(cohort.Variant).WriteDataFragment(n, s.FragIndex, payload);
            airtime = s.FragmentAirtime;
            cohort.NextFragment++;
            cohort.NextFreshN = Math.Max(cohort.NextFreshN, n + 1);
        }
        else
        {
            bool all = s.ClosedLoop && cohort.NextPollAll;
            payload = new FragSessionStatusReq(s.FragIndex, Participants: all).ToArray();
            airtime = s.PollAirtime;
            cohort.Polls++;
            cohort.LastPollAll = all;
            cohort.PollAnswers = 0;
            cohort.LargestDeficit = 0;
            if (s.ClosedLoop)
            {
                cohort.PollWaitUntil = slot + airtime + s.PollWait;
            }
            else
            {
                cohort.Done = true; // the open loop's one poll, after the last fragment: stragglers answer it
            }
        }

        uint fCnt = cohort.NextFCnt++;
        cohort.NextSlotFrom = slot + TimeSpan.FromTicks(1);
        byte port = FragmentationPortOf(cohort);
        _actions.Add(new MulticastDownlink(NextActionId(), cohort.Index, port, payload, fCnt, slot, cohort.WindowEnd!.Value, kind, n, airtime));
        _events.Add(new MulticastSent(Now, cohort.Index, kind, n, fCnt, slot, airtime));
    }

    // All members share the campaign's TS004 port for multicast; a member with another port cannot share the group.
    private byte FragmentationPortOf(CohortState cohort) =>
        _state.Devices.FirstOrDefault(d => d.Cohort == cohort.Index)?.FragmentationPort ?? (byte)AppLayerPackage.Fragmentation;

    /// <summary>Closed loop: the poll's answers are in; send what the worst device still needs, or stop.</summary>
    private void AfterPoll(CohortState cohort)
    {
        CampaignSettings s = Settings;
        if (!AnyoneListening(cohort))
        {
            cohort.Done = true; // every member has the block (or is out)
            return;
        }

        if (cohort.PollAnswers == 0 && !cohort.LastPollAll)
        {
            cohort.NextPollAll = true; // silence from "who still misses?": ask everyone before sending more
            return;
        }

        cohort.NextPollAll = false;
        int deficit = cohort.LargestDeficit > 0 ? cohort.LargestDeficit : s.ClosedLoopBurst;
        int burst = TopUp(deficit);
        cohort.SendLimit = Math.Min(s.NbFrag + s.Redundancy, cohort.SendLimit + burst);
        if (cohort.NextFragment > cohort.SendLimit)
        {
            cohort.Done = true; // the redundancy budget is spent: unicast repair takes over
        }
    }

    /// <summary>Fragments to send for a device short of <paramref name="deficit"/>: the deficit plus two (a GF(2) margin), allowing for loss.</summary>
    private int TopUp(int deficit) => (int)Math.Ceiling((deficit + 2) / (1 - Math.Min(Settings.ExpectedLoss, 0.9)));

    private DateTimeOffset? CohortWakeUp(CohortState cohort)
    {
        switch (cohort.Stage)
        {
            case CohortStage.Scheduled or CohortStage.Sending:
                DateTimeOffset? next = cohort.Stage == CohortStage.Scheduled ? cohort.SessionStart : null;
                next = Earliest(next, cohort.PollWaitUntil);
                if (PeekTransmission(cohort) is (_, _, DateTimeOffset slot))
                {
                    next = Earliest(next, slot - Settings.DownlinkLeadTime);
                }

                return Earliest(next, cohort.WindowEnd);
            case CohortStage.Closing:
                return cohort.WindowEnd;
            default:
                return null;
        }
    }

    private void CloseCohort(CohortState cohort)
    {
        cohort.Stage = CohortStage.Closed;
        if (cohort.GroupCreated && !cohort.GroupDeleted && !cohort.GroupFailed)
        {
            cohort.GroupDeleted = true;
            _actions.Add(new MulticastGroupDeletion(NextActionId(), cohort.Index));
        }

        _events.Add(new GroupClosed(Now, cohort.Index, cohort.NextFragment - 1, cohort.Polls));
        foreach (DeviceState device in Members(cohort))
        {
            if (!IsFinal(device.State) && !device.BlockComplete && device.Stage is DeviceStage.InSession or DeviceStage.Joining or DeviceStage.Ready or DeviceStage.Syncing)
            {
                StartRepair(device);
            }

            TryStartTeardown(device);
        }
    }

    private void OnActionFailed(long actionId)
    {
        foreach (CohortState cohort in _state.Cohorts)
        {
            if (cohort.GroupActionId == actionId && cohort.Stage != CohortStage.Closed)
            {
                cohort.GroupFailed = true;
                cohort.Done = true;
                cohort.Stage = CohortStage.Closed;
                foreach (DeviceState device in Members(cohort))
                {
                    Fail(device, DeviceFailureReason.NetworkServerError);
                    TryStartTeardown(device);
                }
            }
        }
    }
}
