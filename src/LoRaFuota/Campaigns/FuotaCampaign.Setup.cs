using LoRaFuota.Campaigns.State;
using LoRaFuota.ClockSync;
using LoRaFuota.Fragmentation;
using LoRaFuota.Fragmentation.Coding;
using LoRaFuota.Multicast;
using LoRaFuota.Packages;
using LoRaFuota.Planning;

namespace LoRaFuota.Campaigns;

/// <content>Setup: package versions, clock sync, the multicast group and the fragmentation session.</content>
public sealed partial class FuotaCampaign
{
    private void StartDevice(DeviceState device)
    {
        SetStage(device, DeviceStage.Negotiating);
        SetState(device, OtaState.Initiated);
        bool multicast = Settings.Delivery == CampaignDelivery.Multicast;
        if (device.ClockSyncVersion is null && multicast)
        {
            SendRequest(device, RequestKind.ClockSyncVersion);
        }

        if (device.FragmentationVersion is null)
        {
            SendRequest(device, RequestKind.FragmentationVersion);
        }

        if (device.MulticastSetupVersion is null && multicast)
        {
            SendRequest(device, RequestKind.MulticastSetupVersion);
        }

        if (device.Pending.Count == 0)
        {
            AfterNegotiation(device);
        }
    }

    private void OnPackageVersion(DeviceState device, AppLayerPackage package, PackageVersionAns answer)
    {
        RequestKind kind = package switch
        {
            AppLayerPackage.ClockSync => RequestKind.ClockSyncVersion,
            AppLayerPackage.Fragmentation => RequestKind.FragmentationVersion,
            _ => RequestKind.MulticastSetupVersion,
        };
        if (device.Stage != DeviceStage.Negotiating || !Answered(device, kind))
        {
            return;
        }

        byte expected = package switch
        {
            AppLayerPackage.ClockSync => PackageVersionAns.ClockSyncIdentifier,
            AppLayerPackage.Fragmentation => PackageVersionAns.FragmentationIdentifier,
            _ => PackageVersionAns.MulticastSetupIdentifier,
        };
        bool usable = answer.PackageIdentifier == expected && answer.PackageVersion is 1 or 2;
        PackageVersion version = (PackageVersion)answer.PackageVersion;
        switch (kind)
        {
            case RequestKind.ClockSyncVersion:
                device.ClockSyncVersion = usable ? version : null;
                device.ClockSyncMissing = !usable;
                break;
            case RequestKind.FragmentationVersion when usable:
                device.FragmentationVersion = version;
                break;
            case RequestKind.MulticastSetupVersion when usable:
                device.MulticastSetupVersion = version;
                break;
            default:
                Fail(device, DeviceFailureReason.PackageUnsupported);
                return;
        }

        if (!device.Pending.Any(p => p.Kind is RequestKind.ClockSyncVersion or RequestKind.FragmentationVersion or RequestKind.MulticastSetupVersion))
        {
            AfterNegotiation(device);
        }
    }

    private void AfterNegotiation(DeviceState device)
    {
        if (device.Stage != DeviceStage.Negotiating || device.Pending.Any(p => p.Kind <= RequestKind.MulticastSetupVersion))
        {
            return;
        }

        bool multicast = Settings.Delivery == CampaignDelivery.Multicast;
        if (multicast && Settings.Class == MulticastClass.ClassB && Settings.ResyncClassB && device.ClockSyncVersion is not null)
        {
            StartSync(device); // class B devices must agree on the beacon period the session starts in
            return;
        }

        StartSetup(device);
    }

    private void StartSync(DeviceState device)
    {
        SetStage(device, DeviceStage.Syncing);
        SendRequest(device, RequestKind.Resync);
    }

    /// <summary>Called when a resync round ends (in sync, corrected, or given up): go on where the device was.</summary>
    private void AfterSync(DeviceState device)
    {
        if (device.Stage != DeviceStage.Syncing)
        {
            return;
        }

        Answered(device, RequestKind.Resync);
        if (device.SessionRequested && Cohort(device) is CohortState cohort && cohort.SessionStart > Now)
        {
            SendSessionRequest(device, cohort);
        }
        else if (device.SessionRequested)
        {
            EnterSession(device); // too late to ask again; it may still catch most of the session
        }
        else
        {
            StartSetup(device);
        }
    }

    private void StartSetup(DeviceState device)
    {
        SetStage(device, DeviceStage.SettingUp);
        if (Settings.Delivery == CampaignDelivery.Multicast)
        {
            CohortState cohort = CohortFor(device.FragmentationVersion!.Value);
            device.Cohort = cohort.Index;
            if (!CanJoin(device, cohort))
            {
                Fail(device, DeviceFailureReason.Timeout); // set up too late to join the session
                return;
            }

            SendRequest(device, RequestKind.GroupSetup);
        }

        SendRequest(device, RequestKind.FragSetup);
    }

    private CohortState CohortFor(PackageVersion fragmentation)
    {
        foreach (CohortState existing in _state.Cohorts)
        {
            if (existing.Fragmentation == fragmentation)
            {
                return existing;
            }
        }

        int index = _state.Cohorts.Count;
        var cohort = new CohortState
        {
            Index = index,
            Fragmentation = fragmentation,
            Variant = fragmentation == PackageVersion.V2 ? Settings.V2Parity : ParityVariant.V1,
            McAddr = Settings.BaseMcAddr + (uint)index,
            McKey = Settings.McKeys[index],
            NextFCnt = Settings.MinMcFCnt,
        };
        _state.Cohorts.Add(cohort);
        return cohort;
    }

    private void OnGroupSetupAnswer(DeviceState device, McGroupSetupAns answer)
    {
        if (answer.McGroupId != Settings.McGroupId || !Answered(device, RequestKind.GroupSetup))
        {
            return;
        }

        if (answer.IdError)
        {
            Fail(device, DeviceFailureReason.McGroupUnsupported);
            return;
        }

        device.GroupAccepted = true;
        AfterSetupAnswer(device);
    }

    private void OnFragSetupAnswer(DeviceState device, FragSessionSetupAns answer)
    {
        if (answer.FragIndex != Settings.FragIndex || !Answered(device, RequestKind.FragSetup))
        {
            return;
        }

        DeviceFailureReason reason =
            answer.EncodingUnsupported ? DeviceFailureReason.FragAlgoUnsupported
            : answer.NotEnoughMemory ? DeviceFailureReason.NotEnoughMemory
            : answer.FragIndexUnsupported ? DeviceFailureReason.FragIndexUnsupported
            : answer.WrongDescriptor ? DeviceFailureReason.WrongDescriptor
            : answer.SessionCntReplay ? DeviceFailureReason.SessionCntReplay
            : DeviceFailureReason.None;
        if (reason != DeviceFailureReason.None)
        {
            Fail(device, reason);
            return;
        }

        device.FragAccepted = true;
        AfterSetupAnswer(device);
    }

    private void AfterSetupAnswer(DeviceState device)
    {
        if (device.Stage != DeviceStage.SettingUp || !device.FragAccepted)
        {
            return;
        }

        if (Settings.Delivery == CampaignDelivery.UnicastOnly)
        {
            StartTransfer(device);
            return;
        }

        if (!device.GroupAccepted)
        {
            return;
        }

        SetStage(device, DeviceStage.Ready);
        CohortState cohort = Cohort(device)!;
        if (cohort.Stage == CohortStage.Forming && !_state.SessionsScheduled)
        {
            return; // the sessions are scheduled when every device is set up
        }

        if (CanJoin(device, cohort))
        {
            SendSessionRequest(device, cohort); // a late joiner, still in time
        }
        else
        {
            Fail(device, DeviceFailureReason.Timeout); // set up too late for its session
        }
    }

    /// <summary>The payload of a request; null (and the device failed) when the key provider cannot make it.</summary>
    private (byte Port, byte[]? Payload, string Command) BuildRequest(DeviceState device, RequestKind kind)
    {
        CampaignSettings s = Settings;
        switch (kind)
        {
            case RequestKind.ClockSyncVersion:
                return (device.ClockSyncPort, default(PackageVersionReq).ToArray(), "PackageVersionReq");
            case RequestKind.FragmentationVersion:
                return (device.FragmentationPort, default(PackageVersionReq).ToArray(), "PackageVersionReq");
            case RequestKind.MulticastSetupVersion:
                return (device.MulticastSetupPort, default(PackageVersionReq).ToArray(), "PackageVersionReq");
            case RequestKind.Resync:
                return device.ClockSyncVersion == PackageVersion.V2
                    ? (device.ClockSyncPort, new ForceDeviceResyncCmd(s.ResyncTransmissions).ToArray(), "ForceDeviceResyncCmd")
                    : (device.ClockSyncPort, new ForceDeviceResyncReq(s.ResyncTransmissions).ToArray(), "ForceDeviceResyncReq");
            case RequestKind.GroupSetup:
                return (device.MulticastSetupPort, BuildGroupSetup(device), "McGroupSetupReq");
            case RequestKind.FragSetup:
                return (device.FragmentationPort, BuildFragSetup(device), "FragSessionSetupReq");
            case RequestKind.Session:
                return (device.MulticastSetupPort, BuildSessionRequest(Cohort(device)!), s.Class == MulticastClass.ClassB ? "McClassBSessionReq" : "McClassCSessionReq");
            case RequestKind.Status:
                return (device.FragmentationPort, new FragSessionStatusReq(s.FragIndex, Participants: true).ToArray(), "FragSessionStatusReq");
            case RequestKind.VersionReport:
                Span<byte> buffer = stackalloc byte[64];
                int written = _versionProtocol.WriteRequest(buffer);
                return (s.VersionPort, buffer[..written].ToArray(), "version request");
            case RequestKind.GroupDelete:
                return (device.MulticastSetupPort, new McGroupDeleteReq(s.McGroupId).ToArray(), "McGroupDeleteReq");
            default:
                return (device.FragmentationPort, new FragSessionDeleteReq(s.FragIndex).ToArray(), "FragSessionDeleteReq");
        }
    }

    private byte[]? BuildGroupSetup(DeviceState device)
    {
        CohortState cohort = Cohort(device)!;
        if (!_keys.TryEncryptMcKey(device.DevEui, cohort.McKey, out Key128 encrypted))
        {
            Fail(device, DeviceFailureReason.KeyUnavailable);
            return null;
        }

        device.GroupSetupSent = true;
        return new McGroupSetupReq
        {
            McGroupId = Settings.McGroupId,
            McAddr = cohort.McAddr,
            McKeyEncrypted = encrypted,
            MinMcFCnt = Settings.MinMcFCnt,
            MaxMcFCnt = Settings.MaxMcFCnt,
        }.ToArray();
    }

    private byte[]? BuildFragSetup(DeviceState device)
    {
        CampaignSettings s = Settings;
        PackageVersion version = device.FragmentationVersion!.Value;
        uint mic = 0;
        if (version == PackageVersion.V2
            && !_keys.TryComputeDataBlockMic(device.DevEui, device.SessionCnt, s.FragIndex, s.Descriptor, _image.Content.Span, out mic))
        {
            Fail(device, DeviceFailureReason.KeyUnavailable);
            return null;
        }

        device.FragSetupSent = true;
        device.SessionCntUsed |= version == PackageVersion.V2;
        return new FragSessionSetupReq
        {
            Version = version,
            FragIndex = s.FragIndex,
            McGroupBitMask = s.Delivery == CampaignDelivery.Multicast ? (byte)(1 << s.McGroupId) : (byte)0,
            NbFrag = (ushort)s.NbFrag,
            FragSize = (byte)s.FragSize,
            BlockAckDelay = s.BlockAckDelay,
            AckReception = version == PackageVersion.V2 && s.AckReception,
            Padding = (byte)s.Padding,
            Descriptor = s.Descriptor,
            SessionCnt = version == PackageVersion.V2 ? device.SessionCnt : (ushort)0,
            Mic = mic,
        }.ToArray();
    }

    private byte[] BuildSessionRequest(CohortState cohort)
    {
        CampaignSettings s = Settings;
        uint sessionTime = GpsTime.ToUInt32(GpsTime.FromDateTimeOffset(cohort.SessionStart!.Value));
        return s.Class == MulticastClass.ClassB
            ? new McClassBSessionReq
            {
                McGroupId = s.McGroupId,
                SessionTime = sessionTime,
                TimeOut = cohort.TimeoutCode,
                Periodicity = s.Periodicity,
                DlFrequencyHz = s.FrequencyHz,
                DataRate = (byte)s.DataRate,
            }.ToArray()
            : new McClassCSessionReq
            {
                McGroupId = s.McGroupId,
                SessionTime = sessionTime,
                TimeOut = cohort.TimeoutCode,
                DlFrequencyHz = s.FrequencyHz,
                DataRate = (byte)s.DataRate,
            }.ToArray();
    }

    private void OnAppTimeRequest(DeviceState device, AppTimeReq request, DateTimeOffset receivedAt)
    {
        long correction = TimeCorrection.Compute(receivedAt, request.DeviceTime);
        device.ClockOffset = correction;
        bool off = Math.Abs(correction) > Settings.ClockSyncThreshold.TotalSeconds;
        bool answer = Settings.ClockSyncPolicy == ClockSyncPolicy.Always || request.AnsRequired || off
            || (device.Stage == DeviceStage.Syncing && correction != 0);
        if (answer)
        {
            EmitUnicast(device, device.ClockSyncPort, new AppTimeAns(TimeCorrection.Saturate(correction), request.TokenReq).ToArray(), "AppTimeAns");
        }

        _events.Add(new Events.ClockChecked(Now, device.DevEui, correction, answer));
        if (device.Stage == DeviceStage.Syncing)
        {
            AfterSync(device); // in sync, or corrected by the answer just queued (the session answer confirms it)
        }
    }
}
