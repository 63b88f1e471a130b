namespace LoRaFuota.Campaigns;

/// <summary>When an AppTimeReq gets an AppTimeAns.</summary>
public enum ClockSyncPolicy
{
    /// <summary>Answer when the device asks for an answer (AnsRequired) or its clock is off by more than the threshold (The Things Stack's rule).</summary>
    AboveThreshold = 0,

    /// <summary>Answer every AppTimeReq (chirpstack-fuota-server's rule).</summary>
    Always,
}
