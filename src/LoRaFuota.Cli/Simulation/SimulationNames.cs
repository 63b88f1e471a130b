using LoRaFuota.Campaigns;

namespace LoRaFuota.Cli.Simulation;

/// <summary>How states and reasons are spelled in the tool's output: ThingsBoard's state names, snake_case reasons.</summary>
internal static class SimulationNames
{
    public static string State(OtaState state) => state.ToString().ToUpperInvariant();

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
