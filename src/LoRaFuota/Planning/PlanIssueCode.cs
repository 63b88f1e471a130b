namespace LoRaFuota.Planning;

/// <summary>What a plan error or warning is about, so a caller can branch on it without reading the words.</summary>
public enum PlanIssueCode
{
    /// <summary>The data rate is not a downlink data rate of the region (with the dwell time, where set).</summary>
    DataRateNotDownlink,

    /// <summary>The fragment is larger than the data rate's payload allows.</summary>
    FragmentTooLarge,

    /// <summary>The image needs more fragments (M) than TS004 can number.</summary>
    TooManyFragments,

    /// <summary>M + R exceeds the 16 383 fragments TS004 can number.</summary>
    RedundancyTooLarge,

    /// <summary>No redundancy reaches the target success probability.</summary>
    TargetUnreachable,

    /// <summary>M exceeds the devices' FRAG_MAX_NB.</summary>
    DeviceMaxNbFragExceeded,

    /// <summary>The fragment size exceeds the devices' FRAG_MAX_SIZE.</summary>
    DeviceMaxFragSizeExceeded,

    /// <summary>The block and decoder matrix need more memory than the devices have.</summary>
    DeviceMemoryExceeded,

    /// <summary>The frequency cannot be carried by McClassC/BSessionReq (100 Hz steps, 24 bits).</summary>
    FrequencyNotEncodable,

    /// <summary>A fragment takes longer on air than the 400 ms dwell time.</summary>
    DwellTimeExceeded,

    /// <summary>The sub-band's duty cycle cannot carry a fragment in the time the class allows.</summary>
    DutyCycleTooLow,

    /// <summary>A fragment does not fit between class B ping slots at this periodicity.</summary>
    PingSlotTooShort,

    /// <summary>The session is longer than the TS005 TimeOut field can express.</summary>
    SessionTooLong,

    /// <summary>The multicast timeout given is shorter than the session needs.</summary>
    MulticastTimeoutTooShort,

    /// <summary>Warning: a note on the region's frequencies (for example channel hopping of class B).</summary>
    RegionNote,

    /// <summary>Warning: a dwell-time setting has no effect in this region.</summary>
    DwellTimeIgnored,

    /// <summary>Warning: the expected share of devices that rebuild the image is below 90 %.</summary>
    LowSuccessProbability,

    /// <summary>Warning: devices are expected to lose more fragments than they can repair.</summary>
    LossExceedsDeviceRepair,

    /// <summary>Warning: the block is a single fragment, so coded fragments carry nothing.</summary>
    SingleFragment,

    /// <summary>Warning: the TS004 code is weak for so few fragments.</summary>
    FewFragments,

    /// <summary>Warning: the v2-spec parity variant, which no known device uses.</summary>
    SpecificationParityVariant,

    /// <summary>Warning: a higher class B periodicity would open fewer unused ping slots.</summary>
    PeriodicityWastesEnergy,

    /// <summary>Warning: class B ping slots are absolute times for every gateway.</summary>
    PingSlotsSimultaneous,

    /// <summary>Warning: a fixed class C spacing, as some servers use, would break the duty cycle.</summary>
    FixedSpacingBreaksDutyCycle,

    /// <summary>Warning: gateways in sequence multiply the session time.</summary>
    GatewaysInSequence,
}
