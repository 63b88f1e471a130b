using System.Text.Json;
using LoRaFuota.ClockSync;
using LoRaFuota.Fragmentation;
using LoRaFuota.Multicast;
using LoRaFuota.Packages;
using LoRaFuota.Payloads;

namespace LoRaFuota.Cli.Json;

/// <summary>Encodes command objects in the vector-file JSON shape back to bytes (the inverse of <see cref="CommandJsonWriter"/>).</summary>
internal static class CommandJsonReader
{
    private const int MaxCommandLength = 256;

    /// <summary>Encodes one object or an array of objects (one FRMPayload) to bytes.</summary>
    public static byte[] Encode(JsonElement root, AppLayerPackage package, PackageVersion version, LinkDirection direction)
    {
        var output = new List<byte>();
        if (root.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement item in root.EnumerateArray())
            {
                output.AddRange(EncodeOne(item, package, version, direction));
            }
        }
        else
        {
            output.AddRange(EncodeOne(root, package, version, direction));
        }

        return [.. output];
    }

    private static byte[] EncodeOne(JsonElement element, AppLayerPackage package, PackageVersion version, LinkDirection direction)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new CliUsageException("Each command must be a JSON object with a \"command\" name.");
        }

        string name = new JsonFields(element).String("command") ?? throw new CliUsageException("A command object needs a \"command\" name.");
        if (!Enum.TryParse(name, ignoreCase: false, out AppLayerCommand command) || command == AppLayerCommand.None)
        {
            throw new CliUsageException($"Unknown command \"{name}\".");
        }

        byte[] buffer = new byte[MaxCommandLength];
        int written;
        try
        {
            written = Write(command, new JsonFields(element), version, buffer);
        }
        catch (ArgumentException ex)
        {
            throw CliUsageException.From(ex, name);
        }

        AppLayerCommand expected = AppLayerCommandTable.Identify(package, version, direction, buffer[0]);
        if (!SameCommand(expected, command))
        {
            throw new CliUsageException(
                $"{name} is not a {(direction == LinkDirection.Uplink ? "uplink" : "downlink")} command of port {(int)package} version {(int)version}.");
        }

        return buffer[..written];
    }

    // TS003 renamed CID 0x03 between versions; either name encodes the same bytes.
    private static bool SameCommand(AppLayerCommand expected, AppLayerCommand given) =>
        expected == given
        || (expected is AppLayerCommand.ForceDeviceResyncReq or AppLayerCommand.ForceDeviceResyncCmd
            && given is AppLayerCommand.ForceDeviceResyncReq or AppLayerCommand.ForceDeviceResyncCmd);

    private static int Write(AppLayerCommand command, JsonFields f, PackageVersion version, Span<byte> buffer) => command switch
    {
        AppLayerCommand.PackageVersionReq => Put(default(PackageVersionReq), buffer),
        AppLayerCommand.PackageVersionAns => Put(new PackageVersionAns(f.Byte("package_identifier"), f.Byte("package_version")), buffer),
        AppLayerCommand.AppTimeReq => Put(new AppTimeReq(f.UInt32("device_time"), f.Byte("token_req"), f.Boolean("ans_required")), buffer),
        AppLayerCommand.AppTimeAns => Put(new AppTimeAns(f.Int32("time_correction"), f.Byte("token_ans")), buffer),
        AppLayerCommand.DeviceAppTimePeriodicityReq => Put(new DeviceAppTimePeriodicityReq(f.Byte("period")), buffer),
        AppLayerCommand.DeviceAppTimePeriodicityAns => Put(new DeviceAppTimePeriodicityAns(f.Boolean("not_supported"), f.UInt32("device_time")), buffer),
        AppLayerCommand.ForceDeviceResyncReq => Put(new ForceDeviceResyncReq(f.Byte("nb_transmissions")), buffer),
        AppLayerCommand.ForceDeviceResyncCmd => Put(new ForceDeviceResyncCmd(f.Byte("nb_transmissions")), buffer),
        AppLayerCommand.FragSessionStatusReq => Put(new FragSessionStatusReq(f.Byte("frag_index"), f.Boolean("participants")), buffer),
        AppLayerCommand.FragSessionStatusAns => Put(StatusAns(f, version), buffer),
        AppLayerCommand.FragSessionSetupReq => Put(SetupReq(f, version), buffer),
        AppLayerCommand.FragSessionSetupAns => Put(SetupAns(f, version), buffer),
        AppLayerCommand.FragSessionDeleteReq => Put(new FragSessionDeleteReq(f.Byte("frag_index")), buffer),
        AppLayerCommand.FragSessionDeleteAns => Put(new FragSessionDeleteAns(f.Byte("frag_index"), f.Boolean("session_does_not_exist")), buffer),
        AppLayerCommand.FragDataBlockReceivedReq => Put(new FragDataBlockReceivedReq(f.Byte("frag_index"), f.Boolean("mic_error")), buffer),
        AppLayerCommand.FragDataBlockReceivedAns => Put(new FragDataBlockReceivedAns(f.Byte("frag_index")), buffer),
        AppLayerCommand.DataFragment => PutFragment(f, buffer),
        AppLayerCommand.McGroupStatusReq => Put(new McGroupStatusReq(f.Byte("req_group_mask")), buffer),
        AppLayerCommand.McGroupStatusAns => Put(GroupStatusAns(f), buffer),
        AppLayerCommand.McGroupSetupReq => Put(GroupSetupReq(f), buffer),
        AppLayerCommand.McGroupSetupAns => Put(new McGroupSetupAns(f.Byte("mc_group_id"), f.Boolean("id_error")), buffer),
        AppLayerCommand.McGroupDeleteReq => Put(new McGroupDeleteReq(f.Byte("mc_group_id")), buffer),
        AppLayerCommand.McGroupDeleteAns => Put(new McGroupDeleteAns(f.Byte("mc_group_id"), f.Boolean("mc_group_undefined")), buffer),
        AppLayerCommand.McClassCSessionReq => Put(
            new McClassCSessionReq
            {
                McGroupId = f.Byte("mc_group_id"),
                SessionTime = f.UInt32("session_time"),
                TimeOut = f.Byte("time_out"),
                DlFrequencyHz = f.UInt32("dl_frequency_hz"),
                DataRate = f.Byte("dr"),
            },
            buffer),
        AppLayerCommand.McClassBSessionReq => Put(
            new McClassBSessionReq
            {
                McGroupId = f.Byte("mc_group_id"),
                SessionTime = f.UInt32("session_time"),
                TimeOut = f.Byte("time_out"),
                Periodicity = f.Byte("periodicity"),
                DlFrequencyHz = f.UInt32("dl_frequency_hz"),
                DataRate = f.Byte("dr"),
            },
            buffer),
        AppLayerCommand.McClassCSessionAns => Put(
            new McClassCSessionAns
            {
                Version = version,
                McGroupId = f.Byte("mc_group_id"),
                DrError = f.Boolean("dr_error"),
                FreqError = f.Boolean("freq_error"),
                McGroupUndefined = f.Boolean("mc_group_undefined"),
                StartMissed = f.Boolean("start_missed"),
                FutureErrors = f.Byte("future_errors"),
                TimeToStart = f.OptionalUInt32("time_to_start"),
            },
            buffer),
        AppLayerCommand.McClassBSessionAns => Put(
            new McClassBSessionAns
            {
                Version = version,
                McGroupId = f.Byte("mc_group_id"),
                DrError = f.Boolean("dr_error"),
                FreqError = f.Boolean("freq_error"),
                McGroupUndefined = f.Boolean("mc_group_undefined"),
                StartMissed = f.Boolean("start_missed"),
                FutureErrors = f.Byte("future_errors"),
                TimeToStart = f.OptionalUInt32("time_to_start"),
            },
            buffer),
        _ => throw new CliUsageException($"Unknown command {command}."),
    };

    private static FragSessionStatusAns StatusAns(JsonFields f, PackageVersion version) => new()
    {
        Version = version,
        FragIndex = f.Byte("frag_index"),
        NbFragReceived = f.UInt16("nb_frag_received"),
        MissingFrag = f.Byte("missing_frag"),
        MemoryError = version == PackageVersion.V1 ? f.Boolean("not_enough_matrix_memory") : f.Boolean("memory_error"),
        MicError = f.Boolean("mic_error"),
        SessionDoesNotExist = f.Boolean("session_does_not_exist"),
        OmitsReceivedFields = f.Boolean("omit_received_fields"),
    };

    private static FragSessionSetupReq SetupReq(JsonFields f, PackageVersion version) => new()
    {
        Version = version,
        FragIndex = f.Byte("frag_index"),
        McGroupBitMask = f.Byte("mc_group_bit_mask"),
        NbFrag = f.UInt16("nb_frag"),
        FragSize = f.Byte("frag_size"),
        FragAlgo = version == PackageVersion.V1 ? f.Byte("fragmentation_matrix") : f.Byte("frag_algo"),
        BlockAckDelay = f.Byte("block_ack_delay"),
        AckReception = f.Boolean("ack_reception"),
        Padding = f.Byte("padding"),
        Descriptor = f.WireUInt32("descriptor_hex"),
        SessionCnt = f.UInt16("session_cnt"),
        Mic = f.WireUInt32("mic_hex"),
    };

    private static FragSessionSetupAns SetupAns(JsonFields f, PackageVersion version) => new()
    {
        Version = version,
        FragIndex = f.Byte("frag_index"),
        EncodingUnsupported = version == PackageVersion.V1 ? f.Boolean("encoding_unsupported") : f.Boolean("frag_algo_unsupported"),
        NotEnoughMemory = f.Boolean("not_enough_memory"),
        FragIndexUnsupported = f.Boolean("frag_index_unsupported"),
        WrongDescriptor = f.Boolean("wrong_descriptor"),
        SessionCntReplay = f.Boolean("session_cnt_replay"),
    };

    private static McGroupStatusAns GroupStatusAns(JsonFields f)
    {
        McGroupAddresses addresses = default;
        int mask = 0;
        foreach (JsonFields item in f.Items("items"))
        {
            byte group = item.Byte("mc_group_id");
            if (group >= McGroupAddresses.Count)
            {
                throw new CliUsageException("\"mc_group_id\" must be 0 to 3.");
            }

            addresses[group] = item.Address("mc_addr");
            mask |= 1 << group;
        }

        byte declared = f.Byte("ans_group_mask");
        if (declared != mask)
        {
            throw new CliUsageException("\"ans_group_mask\" must list exactly the groups in \"items\".");
        }

        return new McGroupStatusAns { AnsGroupMask = declared, NbTotalGroups = f.Byte("nb_total_groups"), McAddresses = addresses };
    }

    private static McGroupSetupReq GroupSetupReq(JsonFields f) => new()
    {
        McGroupId = f.Byte("mc_group_id"),
        McAddr = f.Address("mc_addr"),
        McKeyEncrypted = f.Key("mc_key_encrypted_hex"),
        MinMcFCnt = f.UInt32("min_mc_fcount"),
        MaxMcFCnt = f.UInt32("max_mc_fcount"),
    };

    private static int PutFragment(JsonFields f, Span<byte> buffer)
    {
        byte[] payload = f.Bytes("payload_hex");
        if (payload.Length > buffer.Length - DataFragment.HeaderLength)
        {
            throw new CliUsageException("\"payload_hex\" is longer than a LoRaWAN frame can carry.");
        }

        var fragment = new DataFragment(f.Byte("frag_index"), f.UInt16("n"), payload);
        fragment.TryWrite(buffer, out int written);
        return written;
    }

    private static int Put<T>(T command, Span<byte> buffer)
        where T : struct, IAppLayerCommand<T>
    {
        command.TryWrite(buffer, out int written);
        return written;
    }
}
