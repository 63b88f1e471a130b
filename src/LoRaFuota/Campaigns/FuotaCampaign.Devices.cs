using LoRaFuota.Campaigns.Events;
using LoRaFuota.Campaigns.State;

namespace LoRaFuota.Campaigns;

/// <content>Per-device plumbing: state changes with history, unicast requests with retries, deadlines.</content>
public sealed partial class FuotaCampaign
{
    private static readonly TimeSpan s_answerMargin = TimeSpan.FromMinutes(1);

    private static bool IsFinal(OtaState state) => state is OtaState.Updated or OtaState.Failed;

    private static bool IsTeardown(RequestKind kind) => kind is RequestKind.GroupDelete or RequestKind.FragDelete;

    private void SetState(DeviceState device, OtaState to, DeviceFailureReason reason = DeviceFailureReason.None)
    {
        if (device.State == to || IsFinal(device.State))
        {
            return;
        }

        OtaState from = device.State;
        device.State = to;
        device.Reason = reason;
        device.History.Add(new StateChangeRecord { State = to, At = Now, Reason = reason });
        _events.Add(new DeviceStateChanged(Now, device.DevEui, from, to, reason));
        if (IsFinal(to))
        {
            SetStage(device, DeviceStage.Done);
            device.InstallDeadline = null;
            device.Pending.RemoveAll(p => !IsTeardown(p.Kind));
            TryStartTeardown(device);
            Reschedule(device);
        }
    }

    private void Fail(DeviceState device, DeviceFailureReason reason) => SetState(device, OtaState.Failed, reason);

    private void SetStage(DeviceState device, DeviceStage stage)
    {
        _stageCounts[(int)device.Stage]--;
        _stageCounts[(int)stage]++;
        device.Stage = stage;
    }

    private int CountIn(DeviceStage stage) => _stageCounts[(int)stage];

    // A class A request waits for the device's next uplink, then for its answer (and the BlockAckDelay for status).
    private TimeSpan AnswerTimeout(DeviceState device, RequestKind kind)
    {
        TimeSpan timeout = Settings.UnicastTimeout ?? device.UplinkInterval + s_answerMargin;
        return kind == RequestKind.Status ? timeout + AppLayerTiming.GetBlockAckDelayMax(Settings.BlockAckDelay) : timeout;
    }

    private static PendingRequest? Find(DeviceState device, RequestKind kind)
    {
        foreach (PendingRequest pending in device.Pending)
        {
            if (pending.Kind == kind)
            {
                return pending;
            }
        }

        return null;
    }

    /// <summary>Sends (or sends again) a request and waits for its answer; <paramref name="extraWait"/> covers downlinks queued before it.</summary>
    private void SendRequest(DeviceState device, RequestKind kind, TimeSpan extraWait = default)
    {
        (byte port, byte[]? payload, string command) = BuildRequest(device, kind);
        if (payload is null)
        {
            return; // BuildRequest failed the device (a key was missing)
        }

        PendingRequest? pending = Find(device, kind);
        if (pending is null)
        {
            pending = new PendingRequest { Kind = kind };
            device.Pending.Add(pending);
        }

        pending.Attempt++;
        pending.Deadline = Now + extraWait + AnswerTimeout(device, kind);
        EmitUnicast(device, port, payload, command, pending.Attempt);
        Reschedule(device);
    }

    private void EmitUnicast(DeviceState device, byte port, byte[] payload, string command, int attempt = 1)
    {
        _actions.Add(new UnicastDownlink(NextActionId(), device.DevEui, port, payload, command));
        _events.Add(new UnicastSent(Now, device.DevEui, port, command, attempt));
    }

    /// <summary>Marks a request answered; false when none was outstanding (a late or repeated answer).</summary>
    private bool Answered(DeviceState device, RequestKind kind)
    {
        PendingRequest? pending = Find(device, kind);
        if (pending is null)
        {
            return false;
        }

        device.Pending.Remove(pending);
        Reschedule(device);
        return true;
    }

    private void OnDeadline(DeviceState device)
    {
        PendingRequest[] expired = [.. device.Pending.Where(p => p.Deadline <= Now).OrderBy(p => p.Kind)];
        foreach (PendingRequest pending in expired)
        {
            if (!device.Pending.Contains(pending))
            {
                continue; // an earlier give-up in this loop ended the device
            }

            if (pending.Attempt <= Settings.UnicastRetries && MayRetry(device, pending.Kind))
            {
                SendRequest(device, pending.Kind);
            }
            else
            {
                device.Pending.Remove(pending);
                OnGiveUp(device, pending.Kind);
            }
        }

        if (device.InstallDeadline <= Now)
        {
            device.InstallDeadline = null;
            OnInstallDeadline(device);
        }

        Reschedule(device);
    }

    // A session request is not worth repeating once the session has started: the device would answer StartMissed.
    private bool MayRetry(DeviceState device, RequestKind kind) =>
        kind != RequestKind.Session || Cohort(device) is not CohortState cohort || Now + AnswerTimeout(device, kind) / 4 < cohort.SessionStart;

    private void OnGiveUp(DeviceState device, RequestKind kind)
    {
        switch (kind)
        {
            case RequestKind.ClockSyncVersion:
                device.ClockSyncMissing = true; // TS003 is optional: the session answer shows whether the clock is right
                AfterNegotiation(device);
                break;
            case RequestKind.Resync:
                AfterSync(device);
                break;
            case RequestKind.Session:
                EnterSession(device); // it may have joined with its answer lost: status will tell
                break;
            case RequestKind.GroupDelete or RequestKind.FragDelete:
                break; // teardown is best effort: a device that stays silent keeps its (inactive) group
            case RequestKind.Status when device.OnlyRepeats:
                // It is alive but none of the round's fragments got through: send the round again.
                Repair(device, device.RoundDeficit);
                break;
            default:
                Fail(device, DeviceFailureReason.Timeout);
                break;
        }
    }

    private void Reschedule(DeviceState device)
    {
        DateTimeOffset? next = device.InstallDeadline;
        foreach (PendingRequest pending in device.Pending)
        {
            next = Earliest(next, pending.Deadline);
        }

        _timers.Set(device.Index, next);
    }

    private CohortState? Cohort(DeviceState device) => device.Cohort >= 0 ? _state.Cohorts[device.Cohort] : null;

    private static DeviceStatus ToStatus(DeviceState device) => new()
    {
        DevEui = device.DevEui,
        State = device.State,
        FailureReason = device.Reason,
        History = [.. device.History.Select(h => new StateChange(h.State, h.At, h.Reason))],
        ClockSyncVersion = device.ClockSyncVersion,
        FragmentationVersion = device.FragmentationVersion,
        MulticastSetupVersion = device.MulticastSetupVersion,
        Group = device.Cohort >= 0 ? device.Cohort : null,
        FragmentsReceived = device.NbFragReceived,
        MissingFragments = device.MissingFrag,
        UnicastFragments = device.UnicastFragments,
        ReportedFirmwareVersion = device.ReportedVersion,
        SessionCnt = device.SessionCntUsed ? device.SessionCnt : null,
    };
}
