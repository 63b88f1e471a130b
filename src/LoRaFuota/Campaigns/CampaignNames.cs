namespace LoRaFuota.Campaigns;

/// <summary>How states and failure reasons are spelled in reports (the CLI's JSON, the service's API): ThingsBoard's upper-case state names, snake_case reasons.</summary>
public static class CampaignNames
{
    /// <summary>The state's name: <c>QUEUED</c>, <c>INITIATED</c>, <c>DOWNLOADING</c>, <c>DOWNLOADED</c>, <c>VERIFIED</c>, <c>UPDATING</c>, <c>UPDATED</c> or <c>FAILED</c>.</summary>
    /// <param name="state">The state.</param>
    /// <returns>The name.</returns>
    public static string State(OtaState state) => state.ToString().ToUpperInvariant();

    /// <summary>The failure reason in snake_case (<c>none</c> for <see cref="DeviceFailureReason.None"/>).</summary>
    /// <param name="reason">The reason.</param>
    /// <returns>The name.</returns>
    public static string Reason(DeviceFailureReason reason) => reason switch
    {
        DeviceFailureReason.PackageUnsupported => "package_unsupported",
        DeviceFailureReason.FragAlgoUnsupported => "frag_algo_unsupported",
        DeviceFailureReason.NotEnoughMemory => "not_enough_memory",
        DeviceFailureReason.FragIndexUnsupported => "frag_index_unsupported",
        DeviceFailureReason.WrongDescriptor => "wrong_descriptor",
        DeviceFailureReason.SessionCntReplay => "session_cnt_replay",
        DeviceFailureReason.McGroupUnsupported => "mc_group_unsupported",
        DeviceFailureReason.SessionRejected => "session_rejected",
        DeviceFailureReason.ClockOutOfSync => "clock_out_of_sync",
        DeviceFailureReason.MissingFragments => "missing_fragments",
        DeviceFailureReason.MemoryError => "memory_error",
        DeviceFailureReason.MicError => "mic_error",
        DeviceFailureReason.UpdateFailed => "update_failed",
        DeviceFailureReason.Timeout => "timeout",
        DeviceFailureReason.KeyUnavailable => "key_unavailable",
        DeviceFailureReason.NetworkServerError => "network_server_error",
        DeviceFailureReason.Cancelled => "cancelled",
        _ => "none",
    };
}
