using LoRaFuota.Campaigns.State;
using LoRaFuota.Fragmentation;
using LoRaFuota.Fragmentation.Coding;
using LoRaFuota.Packages;

namespace LoRaFuota.Campaigns;

/// <content>What the devices say they hold: status answers, unicast repair and delivery, the install and the version report.</content>
public sealed partial class FuotaCampaign
{
    private const int MaxRepairRounds = 3;

    private void OnStatusAnswer(DeviceState device, FragSessionStatusAns answer)
    {
        if (!answer.OmitsReceivedFields && answer.FragIndex != Settings.FragIndex)
        {
            Reject(device, device.FragmentationPort, $"FragSessionStatusAns for FragIndex {answer.FragIndex}, not {Settings.FragIndex}");
            return;
        }

        // A status answer carries no token: one that repeats the answer a repair round was started on is a late answer
        // to an earlier copy of the request (the device was still pulling the round's fragments), not news.
        if (device.Stage == DeviceStage.Repairing && device.RoundReceived == answer.NbFragReceived && device.RoundMissing == answer.MissingFrag
            && !answer.SessionDoesNotExist && !answer.MemoryError && !answer.OmitsReceivedFields)
        {
            device.OnlyRepeats = true;
            return;
        }

        bool requested = Answered(device, RequestKind.Status);
        CohortState? cohort = Cohort(device);
        bool pollAnswer = cohort?.PollWaitUntil is not null;
        if (pollAnswer)
        {
            cohort!.PollAnswers++;
        }

        if (IsFinal(device.State) || device.BlockComplete)
        {
            return;
        }

        if (answer.SessionDoesNotExist)
        {
            // It lost the session (a reboot?) before the block was confirmed: only its version can tell what happened.
            device.SessionLost = true;
            SetStage(device, DeviceStage.Installing);
            device.InstallDeadline = Now;
            Reschedule(device);
            return;
        }

        device.NbFragReceived = answer.NbFragReceived;
        device.MissingFrag = answer.MissingFrag;
        if (answer.MemoryError)
        {
            Fail(device, DeviceFailureReason.MemoryError);
            return;
        }

        if (answer.MissingFrag == 0 && answer.NbFragReceived >= Settings.NbFrag)
        {
            if (answer.MicError)
            {
                Fail(device, DeviceFailureReason.MicError);
            }
            else
            {
                OnBlockComplete(device, verified: answer.Version == PackageVersion.V2);
            }

            return;
        }

        int deficit = Deficit(answer);
        if (pollAnswer)
        {
            cohort!.LargestDeficit = Math.Max(cohort.LargestDeficit, deficit);
        }

        if (requested && device.Stage is DeviceStage.Repairing or DeviceStage.Transferring)
        {
            Repair(device, deficit);
        }
    }

    // v2 counts every fragment received, so M − NbFragReceived is the rank still missing (give or take dependent rows);
    // v1 stacks report other things there, and MissingFrag (uncoded still missing) is an upper bound.
    private int Deficit(FragSessionStatusAns answer)
    {
        int missing = Math.Max(1, (int)answer.MissingFrag);
        if (answer.Version != PackageVersion.V2)
        {
            return missing;
        }

        int rank = Math.Max(1, Settings.NbFrag - answer.NbFragReceived);
        return answer.MissingFrag == byte.MaxValue ? rank : Math.Min(rank, missing);
    }

    private void OnDataBlockReceived(DeviceState device, FragDataBlockReceivedReq request)
    {
        if (request.FragIndex != Settings.FragIndex)
        {
            Reject(device, device.FragmentationPort, $"FragDataBlockReceivedReq for FragIndex {request.FragIndex}, not {Settings.FragIndex}");
            return;
        }

        // Always answer: the device repeats the request until it hears this.
        EmitUnicast(device, device.FragmentationPort, new FragDataBlockReceivedAns(request.FragIndex).ToArray(), "FragDataBlockReceivedAns");
        if (IsFinal(device.State) || device.BlockComplete)
        {
            return;
        }

        if (request.MicError)
        {
            Fail(device, DeviceFailureReason.MicError);
        }
        else
        {
            OnBlockComplete(device, verified: true);
        }
    }

    private void OnBlockComplete(DeviceState device, bool verified)
    {
        device.BlockComplete = true;
        Answered(device, RequestKind.Status);
        SetState(device, OtaState.Downloaded);
        if (verified)
        {
            SetState(device, OtaState.Verified);
        }

        SetState(device, OtaState.Updating);
        SetStage(device, DeviceStage.Installing);
        device.InstallDeadline = Now + Settings.InstallTimeout;
        Reschedule(device);
        TryStartTeardown(device);
    }

    private void StartRepair(DeviceState device)
    {
        SetStage(device, DeviceStage.Repairing);
        SendRequest(device, RequestKind.Status);
    }

    /// <summary>Unicast-only delivery: every fragment queued for the device, then a status request behind them.</summary>
    private void StartTransfer(DeviceState device)
    {
        SetStage(device, DeviceStage.Transferring);
        SetState(device, OtaState.Downloading);
        int count = Settings.NbFrag + Settings.Redundancy;
        device.NextUnicastN = 1;
        SendFragments(device, count, counted: false);
        SendRequest(device, RequestKind.Status, Settings.UnicastPullInterval * count);
    }

    private void Repair(DeviceState device, int deficit)
    {
        bool allowed = Settings.Delivery == CampaignDelivery.UnicastOnly || Settings.UnicastFallback;
        int count = TopUp(deficit);
        int first = FreshN(device);
        if (!allowed || device.RepairRounds >= MaxRepairRounds || device.UnicastFragments + count > Settings.MaxFallbackFragments
            || first + count - 1 > ParityMatrix.MaxFragmentNumber)
        {
            Fail(device, DeviceFailureReason.MissingFragments);
            return;
        }

        SetStage(device, DeviceStage.Repairing);
        device.RepairRounds++;
        device.RoundReceived = device.NbFragReceived;
        device.RoundMissing = device.MissingFrag;
        device.RoundDeficit = deficit;
        device.OnlyRepeats = false;
        SendFragments(device, count, counted: true);
        SendRequest(device, RequestKind.Status, Settings.UnicastPullInterval * count);
    }

    // A repair fragment is always a coded fragment no transmission of the group (or to this device) has used yet.
    private int FreshN(DeviceState device) =>
        Cohort(device) is CohortState cohort ? cohort.NextFreshN : Math.Max(device.NextUnicastN, 1);

    private void SendFragments(DeviceState device, int count, bool counted)
    {
        CohortState? cohort = Cohort(device);
        ParityVariant variant = cohort?.Variant ?? (device.FragmentationVersion == PackageVersion.V2 ? Settings.V2Parity : ParityVariant.V1);
        FragmentEncoder encoder = Encoder(variant);
        int first = FreshN(device);
        for (int n = first; n < first + count; n++)
        {
            byte[] payload = new byte[DataFragment.HeaderLength + Settings.FragSize];
            encoder.WriteDataFragment(n, Settings.FragIndex, payload);
            EmitUnicast(device, device.FragmentationPort, payload, "DataFragment");
        }

        if (cohort is not null)
        {
            cohort.NextFreshN = first + count;
        }
        else
        {
            device.NextUnicastN = first + count;
        }

        if (counted)
        {
            device.UnicastFragments += count;
        }
    }

    private void OnInstallDeadline(DeviceState device)
    {
        if (device.Stage != DeviceStage.Installing || IsFinal(device.State))
        {
            return;
        }

        Span<byte> probe = stackalloc byte[64];
        if (_versionProtocol.WriteRequest(probe) == 0)
        {
            Fail(device, device.SessionLost ? DeviceFailureReason.MissingFragments : DeviceFailureReason.Timeout);
            return;
        }

        SendRequest(device, RequestKind.VersionReport);
    }

    private void OnVersionReport(DeviceState device, string version)
    {
        device.ReportedVersion = version;
        Answered(device, RequestKind.VersionReport);
        if (IsFinal(device.State))
        {
            return;
        }

        if (version == Settings.TargetVersion)
        {
            SetState(device, OtaState.Updated); // it runs the image: installed, rebooted and reporting
        }
        else if (device.Stage == DeviceStage.Installing)
        {
            Fail(device, device.SessionLost ? DeviceFailureReason.MissingFragments : DeviceFailureReason.UpdateFailed);
        }
    }

    private void Reject(DeviceState device, byte port, string reason) =>
        _events.Add(new Events.UplinkRejected(Now, device.DevEui, port, reason));
}
