using LoRaFuota.Fragmentation;

namespace LoRaFuota.Cli.Json.Fields;

/// <summary>
/// Every field name of the command JSON (the vector files' snake_case names), with its representation and range,
/// defined once. <see cref="CommandJsonMaps"/> binds them to the command records for both decode and encode.
/// </summary>
internal static class CommandJsonFields
{
    // Package version negotiation
    public static readonly IntegerField PackageIdentifier = IntegerField.Bits("package_identifier", 8);
    public static readonly IntegerField PackageVersionNumber = IntegerField.Bits("package_version", 8);

    // TS003 clock synchronization
    public static readonly IntegerField DeviceTime = IntegerField.Bits("device_time", 32);
    public static readonly IntegerField TokenReq = IntegerField.Bits("token_req", 4);
    public static readonly FlagField AnsRequired = new("ans_required");
    public static readonly IntegerField TimeCorrection = new("time_correction", int.MinValue, int.MaxValue);
    public static readonly IntegerField TokenAns = IntegerField.Bits("token_ans", 4);
    public static readonly IntegerField Period = IntegerField.Bits("period", 4);
    public static readonly FlagField NotSupported = new("not_supported");
    public static readonly IntegerField NbTransmissions = IntegerField.Bits("nb_transmissions", 3);

    // TS004 fragmentation
    public static readonly IntegerField FragIndex = IntegerField.Bits("frag_index", 2);
    public static readonly FlagField Participants = new("participants");
    public static readonly IntegerField NbFragReceived = IntegerField.Bits("nb_frag_received", 14);
    public static readonly IntegerField MissingFrag = IntegerField.Bits("missing_frag", 8);
    public static readonly FlagField NotEnoughMatrixMemory = new("not_enough_matrix_memory");
    public static readonly FlagField MemoryError = new("memory_error");
    public static readonly FlagField MicError = new("mic_error");
    public static readonly FlagField SessionDoesNotExist = new("session_does_not_exist");
    public static readonly FlagField OmitReceivedFields = new("omit_received_fields");
    public static readonly IntegerField McGroupBitMask = IntegerField.Bits("mc_group_bit_mask", 4);
    public static readonly IntegerField NbFrag = IntegerField.Bits("nb_frag", 16);
    public static readonly IntegerField FragSize = IntegerField.Bits("frag_size", 8);
    public static readonly IntegerField FragmentationMatrix = IntegerField.Bits("fragmentation_matrix", 3);
    public static readonly IntegerField FragAlgo = IntegerField.Bits("frag_algo", 3);
    public static readonly IntegerField BlockAckDelay = IntegerField.Bits("block_ack_delay", 3);
    public static readonly FlagField AckReception = new("ack_reception");
    public static readonly IntegerField Padding = IntegerField.Bits("padding", 8);
    public static readonly WordField Descriptor = new("descriptor_hex", wireOrder: true);
    public static readonly IntegerField SessionCnt = IntegerField.Bits("session_cnt", 16);
    public static readonly WordField Mic = new("mic_hex", wireOrder: true);
    public static readonly FlagField EncodingUnsupported = new("encoding_unsupported");
    public static readonly FlagField FragAlgoUnsupported = new("frag_algo_unsupported");
    public static readonly FlagField NotEnoughMemory = new("not_enough_memory");
    public static readonly FlagField FragIndexUnsupported = new("frag_index_unsupported");
    public static readonly FlagField WrongDescriptor = new("wrong_descriptor");
    public static readonly FlagField SessionCntReplay = new("session_cnt_replay");
    public static readonly IntegerField N = new("n", 1, DataFragment.MaxN);
    public static readonly BytesField Payload = new("payload_hex", Fragmentation.Coding.FragmentLayout.MaxFragSize);

    // TS005 multicast setup
    public static readonly IntegerField McGroupId = IntegerField.Bits("mc_group_id", 2);
    public static readonly WordField McAddr = new("mc_addr", wireOrder: false);
    public static readonly IntegerField ReqGroupMask = IntegerField.Bits("req_group_mask", 4);
    public static readonly IntegerField AnsGroupMask = IntegerField.Bits("ans_group_mask", 4);
    public static readonly IntegerField NbTotalGroups = new("nb_total_groups", 0, 4);
    public static readonly GroupListField Items = new("items", McGroupId, McAddr);
    public static readonly KeyField McKeyEncrypted = new("mc_key_encrypted_hex");
    public static readonly IntegerField MinMcFCount = IntegerField.Bits("min_mc_fcount", 32);
    public static readonly IntegerField MaxMcFCount = IntegerField.Bits("max_mc_fcount", 32);
    public static readonly FlagField IdError = new("id_error");
    public static readonly FlagField McGroupUndefined = new("mc_group_undefined");
    public static readonly IntegerField SessionTime = IntegerField.Bits("session_time", 32);
    public static readonly IntegerField TimeOut = IntegerField.Bits("time_out", 4);
    public static readonly IntegerField Periodicity = IntegerField.Bits("periodicity", 3);
    public static readonly IntegerField DlFrequencyHz = new("dl_frequency_hz", 0, DownlinkFrequency.MaxHz, DownlinkFrequency.StepHz);
    public static readonly IntegerField DataRate = IntegerField.Bits("dr", 8);
    public static readonly FlagField DrError = new("dr_error");
    public static readonly FlagField FreqError = new("freq_error");
    public static readonly FlagField StartMissed = new("start_missed");
    public static readonly IntegerField FutureErrors = IntegerField.Bits("future_errors", 2);
    public static readonly IntegerField TimeToStart = IntegerField.Bits("time_to_start", 24);
}
