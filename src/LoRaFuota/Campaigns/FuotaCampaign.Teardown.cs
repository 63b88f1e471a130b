using LoRaFuota.Campaigns.Events;
using LoRaFuota.Campaigns.State;

namespace LoRaFuota.Campaigns;

/// <content>Teardown, cancel and completion.</content>
public sealed partial class FuotaCampaign
{
    /// <summary>
    /// Tells a device to drop its group and session once that can no longer cut anything short: the device is final or
    /// has the block, and its group's session window has closed (or it was never asked to join, or the campaign is cancelled).
    /// </summary>
    private void TryStartTeardown(DeviceState device)
    {
        if (device.TearingDown || device.Stage is not (DeviceStage.Done or DeviceStage.Installing))
        {
            return;
        }

        if (device.SessionRequested && Cohort(device) is CohortState cohort && cohort.Stage != CohortStage.Closed && !_state.Cancelled)
        {
            return;
        }

        device.TearingDown = true;
        if (device.GroupSetupSent)
        {
            SendRequest(device, RequestKind.GroupDelete);
        }

        if (device.FragSetupSent)
        {
            SendRequest(device, RequestKind.FragDelete);
        }
    }

    private void CancelCampaign()
    {
        _state.Cancelled = true;
        foreach (CohortState cohort in _state.Cohorts)
        {
            if (cohort.Stage == CohortStage.Closed)
            {
                continue;
            }

            cohort.Done = true;
            cohort.PollWaitUntil = null;
            cohort.Stage = CohortStage.Closed;
            if (cohort.GroupCreated && !cohort.GroupDeleted && !cohort.GroupFailed)
            {
                cohort.GroupDeleted = true;
                _actions.Add(new MulticastGroupDeletion(NextActionId(), cohort.Index));
            }

            _events.Add(new GroupClosed(Now, cohort.Index, cohort.NextFragment - 1, cohort.Polls));
        }

        foreach (DeviceState device in _state.Devices)
        {
            Fail(device, DeviceFailureReason.Cancelled);
            TryStartTeardown(device);
        }
    }

    private void CheckCompletion()
    {
        if (_state.Completed || !_state.Started)
        {
            return;
        }

        int updated = 0;
        int failed = 0;
        foreach (DeviceState device in _state.Devices)
        {
            if (!IsFinal(device.State) || device.Pending.Count > 0)
            {
                return;
            }

            updated += device.State == OtaState.Updated ? 1 : 0;
            failed += device.State == OtaState.Failed ? 1 : 0;
        }

        foreach (CohortState cohort in _state.Cohorts)
        {
            if (cohort.Stage is not (CohortStage.Closed or CohortStage.Forming))
            {
                return;
            }
        }

        _state.Completed = true;
        _state.CompletedAt = Now;
        _events.Add(new CampaignCompleted(Now, updated, failed, _state.Cancelled));
    }
}
