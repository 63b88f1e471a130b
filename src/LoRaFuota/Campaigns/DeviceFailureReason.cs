namespace LoRaFuota.Campaigns;

/// <summary>Why a device ended <see cref="OtaState.Failed"/> (modelled on AWS IoT's FUOTA device statuses).</summary>
public enum DeviceFailureReason
{
    /// <summary>No failure.</summary>
    None = 0,

    /// <summary>The device does not run a package version the campaign can use (PackageVersionAns missing, or the wrong package or version).</summary>
    PackageUnsupported,

    /// <summary>FragSessionSetupAns: the fragmentation algorithm (FragAlgo / FragmentationMatrix) is not supported.</summary>
    FragAlgoUnsupported,

    /// <summary>FragSessionSetupAns: not enough memory for the data block (M, F or M·F above the device's limits).</summary>
    NotEnoughMemory,

    /// <summary>FragSessionSetupAns: the FragIndex is not supported.</summary>
    FragIndexUnsupported,

    /// <summary>FragSessionSetupAns: the device rejected the descriptor.</summary>
    WrongDescriptor,

    /// <summary>FragSessionSetupAns (v2): the SessionCnt is not above the last one the device saw.</summary>
    SessionCntReplay,

    /// <summary>McGroupSetupAns: the McGroupID is not supported (IDError).</summary>
    McGroupUnsupported,

    /// <summary>McClassC/BSessionAns: the device refused the session (DRError, FreqError, McGroupUndefined or an unknown error bit).</summary>
    SessionRejected,

    /// <summary>The device's clock put the session start in the past (StartMissed, or a TimeToStart that stayed off after resyncs).</summary>
    ClockOutOfSync,

    /// <summary>The device still missed fragments when the session (and any unicast repair) ended.</summary>
    MissingFragments,

    /// <summary>The device's decoder ran out of memory (FragSessionStatusAns MemoryError / NotEnoughMatrixMemory).</summary>
    MemoryError,

    /// <summary>The rebuilt block failed its TS004 v2 integrity check (MICError).</summary>
    MicError,

    /// <summary>The device came back from its install reporting another firmware version than the campaign's.</summary>
    UpdateFailed,

    /// <summary>The device stopped answering within its retries.</summary>
    Timeout,

    /// <summary>The key provider holds no key for a step the device needs (its McKEKey, or the GenAppKey/AppKey behind the TS004 v2 MIC).</summary>
    KeyUnavailable,

    /// <summary>The network server refused an operation the device depended on.</summary>
    NetworkServerError,

    /// <summary>The campaign was cancelled before the device was updated.</summary>
    Cancelled,
}
