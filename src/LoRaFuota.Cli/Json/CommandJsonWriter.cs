using System.Globalization;
using System.Text.Json;
using LoRaFuota.ClockSync;
using LoRaFuota.Fragmentation;
using LoRaFuota.Multicast;
using LoRaFuota.Packages;
using LoRaFuota.Payloads;

namespace LoRaFuota.Cli.Json;

/// <summary>
/// Writes one decoded command as a JSON object with the field names and representations of the shared vector file
/// (snake_case, <c>*_hex</c> in wire order, <c>mc_addr</c> as 8 hex digits most significant first, absent = null).
/// </summary>
internal static class CommandJsonWriter
{
    public static void Write(Utf8JsonWriter writer, AppLayerCommand command, ReadOnlySpan<byte> bytes, PackageVersion version)
    {
        writer.WriteStartObject();
        writer.WriteString("command", command.ToString());
        WriteFields(writer, command, bytes, version);
        writer.WriteEndObject();
    }

    private static void WriteFields(Utf8JsonWriter w, AppLayerCommand command, ReadOnlySpan<byte> bytes, PackageVersion version)
    {
        switch (command)
        {
            case AppLayerCommand.PackageVersionReq:
                break;
            case AppLayerCommand.PackageVersionAns:
                PackageVersionAns pva = Read<PackageVersionAns>(bytes, version);
                w.WriteNumber("package_identifier", pva.PackageIdentifier);
                w.WriteNumber("package_version", pva.PackageVersion);
                break;
            case AppLayerCommand.AppTimeReq:
                AppTimeReq atr = Read<AppTimeReq>(bytes, version);
                w.WriteNumber("device_time", atr.DeviceTime);
                w.WriteNumber("token_req", atr.TokenReq);
                w.WriteBoolean("ans_required", atr.AnsRequired);
                break;
            case AppLayerCommand.AppTimeAns:
                AppTimeAns ata = Read<AppTimeAns>(bytes, version);
                w.WriteNumber("time_correction", ata.TimeCorrection);
                w.WriteNumber("token_ans", ata.TokenAns);
                break;
            case AppLayerCommand.DeviceAppTimePeriodicityReq:
                w.WriteNumber("period", Read<DeviceAppTimePeriodicityReq>(bytes, version).Period);
                break;
            case AppLayerCommand.DeviceAppTimePeriodicityAns:
                DeviceAppTimePeriodicityAns dpa = Read<DeviceAppTimePeriodicityAns>(bytes, version);
                w.WriteBoolean("not_supported", dpa.NotSupported);
                w.WriteNumber("device_time", dpa.DeviceTime);
                break;
            case AppLayerCommand.ForceDeviceResyncReq:
                w.WriteNumber("nb_transmissions", Read<ForceDeviceResyncReq>(bytes, version).NbTransmissions);
                break;
            case AppLayerCommand.ForceDeviceResyncCmd:
                w.WriteNumber("nb_transmissions", Read<ForceDeviceResyncCmd>(bytes, version).NbTransmissions);
                break;
            default:
                WriteFragmentationFields(w, command, bytes, version);
                break;
        }
    }

    private static void WriteFragmentationFields(Utf8JsonWriter w, AppLayerCommand command, ReadOnlySpan<byte> bytes, PackageVersion version)
    {
        bool v2 = version == PackageVersion.V2;
        switch (command)
        {
            case AppLayerCommand.FragSessionStatusReq:
                FragSessionStatusReq fsr = Read<FragSessionStatusReq>(bytes, version);
                w.WriteNumber("frag_index", fsr.FragIndex);
                w.WriteBoolean("participants", fsr.Participants);
                break;
            case AppLayerCommand.FragSessionStatusAns:
                WriteStatusAns(w, Read<FragSessionStatusAns>(bytes, version));
                break;
            case AppLayerCommand.FragSessionSetupReq:
                WriteSetupReq(w, Read<FragSessionSetupReq>(bytes, version));
                break;
            case AppLayerCommand.FragSessionSetupAns:
                FragSessionSetupAns fsa = Read<FragSessionSetupAns>(bytes, version);
                w.WriteNumber("frag_index", fsa.FragIndex);
                w.WriteBoolean(v2 ? "frag_algo_unsupported" : "encoding_unsupported", fsa.EncodingUnsupported);
                w.WriteBoolean("not_enough_memory", fsa.NotEnoughMemory);
                w.WriteBoolean("frag_index_unsupported", fsa.FragIndexUnsupported);
                w.WriteBoolean("wrong_descriptor", fsa.WrongDescriptor);
                if (v2)
                {
                    w.WriteBoolean("session_cnt_replay", fsa.SessionCntReplay);
                }

                break;
            case AppLayerCommand.FragSessionDeleteReq:
                w.WriteNumber("frag_index", Read<FragSessionDeleteReq>(bytes, version).FragIndex);
                break;
            case AppLayerCommand.FragSessionDeleteAns:
                FragSessionDeleteAns fda = Read<FragSessionDeleteAns>(bytes, version);
                w.WriteNumber("frag_index", fda.FragIndex);
                w.WriteBoolean("session_does_not_exist", fda.SessionDoesNotExist);
                break;
            case AppLayerCommand.FragDataBlockReceivedReq:
                FragDataBlockReceivedReq dbr = Read<FragDataBlockReceivedReq>(bytes, version);
                w.WriteNumber("frag_index", dbr.FragIndex);
                w.WriteBoolean("mic_error", dbr.MicError);
                break;
            case AppLayerCommand.FragDataBlockReceivedAns:
                w.WriteNumber("frag_index", Read<FragDataBlockReceivedAns>(bytes, version).FragIndex);
                break;
            case AppLayerCommand.DataFragment:
                DataFragment.TryRead(bytes, out DataFragment fragment, out _);
                w.WriteNumber("frag_index", fragment.FragIndex);
                w.WriteNumber("n", fragment.N);
                w.WriteString("payload_hex", Convert.ToHexStringLower(fragment.Payload));
                break;
            default:
                WriteMulticastFields(w, command, bytes, version);
                break;
        }
    }

    private static void WriteStatusAns(Utf8JsonWriter w, FragSessionStatusAns ans)
    {
        if (ans.Version == PackageVersion.V1)
        {
            w.WriteNumber("nb_frag_received", ans.NbFragReceived);
            w.WriteNumber("frag_index", ans.FragIndex);
            w.WriteNumber("missing_frag", ans.MissingFrag);
            w.WriteBoolean("not_enough_matrix_memory", ans.MemoryError);
            return;
        }

        w.WriteBoolean("memory_error", ans.MemoryError);
        w.WriteBoolean("mic_error", ans.MicError);
        w.WriteBoolean("session_does_not_exist", ans.SessionDoesNotExist);
        w.WriteBoolean("omit_received_fields", ans.OmitsReceivedFields);
        if (ans.OmitsReceivedFields)
        {
            w.WriteNull("nb_frag_received");
            w.WriteNull("frag_index");
            w.WriteNull("missing_frag");
        }
        else
        {
            w.WriteNumber("nb_frag_received", ans.NbFragReceived);
            w.WriteNumber("frag_index", ans.FragIndex);
            w.WriteNumber("missing_frag", ans.MissingFrag);
        }
    }

    private static void WriteSetupReq(Utf8JsonWriter w, FragSessionSetupReq req)
    {
        bool v2 = req.Version == PackageVersion.V2;
        w.WriteNumber("frag_index", req.FragIndex);
        w.WriteNumber("mc_group_bit_mask", req.McGroupBitMask);
        w.WriteNumber("nb_frag", req.NbFrag);
        w.WriteNumber("frag_size", req.FragSize);
        w.WriteNumber(v2 ? "frag_algo" : "fragmentation_matrix", req.FragAlgo);
        w.WriteNumber("block_ack_delay", req.BlockAckDelay);
        if (v2)
        {
            w.WriteBoolean("ack_reception", req.AckReception);
        }

        w.WriteNumber("padding", req.Padding);
        w.WriteString("descriptor_hex", HexText.FromUInt32Wire(req.Descriptor));
        if (v2)
        {
            w.WriteNumber("session_cnt", req.SessionCnt);
            w.WriteString("mic_hex", HexText.FromUInt32Wire(req.Mic));
        }
    }

    private static void WriteMulticastFields(Utf8JsonWriter w, AppLayerCommand command, ReadOnlySpan<byte> bytes, PackageVersion version)
    {
        switch (command)
        {
            case AppLayerCommand.McGroupStatusReq:
                w.WriteNumber("req_group_mask", Read<McGroupStatusReq>(bytes, version).ReqGroupMask);
                break;
            case AppLayerCommand.McGroupStatusAns:
                WriteGroupStatusAns(w, Read<McGroupStatusAns>(bytes, version));
                break;
            case AppLayerCommand.McGroupSetupReq:
                McGroupSetupReq setup = Read<McGroupSetupReq>(bytes, version);
                w.WriteNumber("mc_group_id", setup.McGroupId);
                w.WriteString("mc_addr", HexText.FromAddress(setup.McAddr));
                w.WriteString("mc_key_encrypted_hex", setup.McKeyEncrypted.ToHexString());
                w.WriteNumber("min_mc_fcount", setup.MinMcFCnt);
                w.WriteNumber("max_mc_fcount", setup.MaxMcFCnt);
                break;
            case AppLayerCommand.McGroupSetupAns:
                McGroupSetupAns sa = Read<McGroupSetupAns>(bytes, version);
                w.WriteNumber("mc_group_id", sa.McGroupId);
                w.WriteBoolean("id_error", sa.IdError);
                break;
            case AppLayerCommand.McGroupDeleteReq:
                w.WriteNumber("mc_group_id", Read<McGroupDeleteReq>(bytes, version).McGroupId);
                break;
            case AppLayerCommand.McGroupDeleteAns:
                McGroupDeleteAns da = Read<McGroupDeleteAns>(bytes, version);
                w.WriteNumber("mc_group_id", da.McGroupId);
                w.WriteBoolean("mc_group_undefined", da.McGroupUndefined);
                break;
            case AppLayerCommand.McClassCSessionReq:
                McClassCSessionReq c = Read<McClassCSessionReq>(bytes, version);
                WriteSessionReq(w, c.McGroupId, c.SessionTime, c.TimeOut, null, c.DlFrequencyHz, c.DataRate);
                break;
            case AppLayerCommand.McClassBSessionReq:
                McClassBSessionReq b = Read<McClassBSessionReq>(bytes, version);
                WriteSessionReq(w, b.McGroupId, b.SessionTime, b.TimeOut, b.Periodicity, b.DlFrequencyHz, b.DataRate);
                break;
            case AppLayerCommand.McClassCSessionAns:
                McClassCSessionAns ca = Read<McClassCSessionAns>(bytes, version);
                WriteSessionAns(w, version, ca.McGroupId, ca.DrError, ca.FreqError, ca.McGroupUndefined, ca.StartMissed, ca.FutureErrors, ca.TimeToStart);
                break;
            case AppLayerCommand.McClassBSessionAns:
                McClassBSessionAns ba = Read<McClassBSessionAns>(bytes, version);
                WriteSessionAns(w, version, ba.McGroupId, ba.DrError, ba.FreqError, ba.McGroupUndefined, ba.StartMissed, ba.FutureErrors, ba.TimeToStart);
                break;
            default:
                throw new InvalidOperationException($"No JSON mapping for {command}.");
        }
    }

    private static void WriteGroupStatusAns(Utf8JsonWriter w, McGroupStatusAns ans)
    {
        w.WriteNumber("ans_group_mask", ans.AnsGroupMask);
        w.WriteNumber("nb_total_groups", ans.NbTotalGroups);
        w.WriteStartArray("items");
        for (int group = 0; group < McGroupAddresses.Count; group++)
        {
            if (((ans.AnsGroupMask >> group) & 1) != 0)
            {
                w.WriteStartObject();
                w.WriteNumber("mc_group_id", group);
                w.WriteString("mc_addr", HexText.FromAddress(ans.McAddresses[group]));
                w.WriteEndObject();
            }
        }

        w.WriteEndArray();
    }

    private static void WriteSessionReq(Utf8JsonWriter w, byte group, uint sessionTime, byte timeOut, byte? periodicity, uint frequencyHz, byte dataRate)
    {
        w.WriteNumber("mc_group_id", group);
        w.WriteNumber("session_time", sessionTime);
        w.WriteNumber("time_out", timeOut);
        if (periodicity is byte p)
        {
            w.WriteNumber("periodicity", p);
        }

        w.WriteNumber("dl_frequency_hz", frequencyHz);
        w.WriteNumber("dr", dataRate);
    }

    private static void WriteSessionAns(
        Utf8JsonWriter w, PackageVersion version, byte group, bool drError, bool freqError, bool undefined, bool startMissed, byte futureErrors, uint? timeToStart)
    {
        w.WriteNumber("mc_group_id", group);
        w.WriteBoolean("dr_error", drError);
        w.WriteBoolean("freq_error", freqError);
        w.WriteBoolean("mc_group_undefined", undefined);
        w.WriteBoolean("start_missed", startMissed);
        if (version == PackageVersion.V2)
        {
            w.WriteNumber("future_errors", futureErrors);
        }

        if (timeToStart is uint seconds)
        {
            w.WriteNumber("time_to_start", seconds);
        }
        else
        {
            w.WriteNull("time_to_start");
        }
    }

    private static T Read<T>(ReadOnlySpan<byte> bytes, PackageVersion version)
        where T : struct, IAppLayerCommand<T>
    {
        if (!T.TryRead(bytes, version, out T value, out _))
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"The reader accepted bytes {typeof(T).Name} rejects."));
        }

        return value;
    }
}
