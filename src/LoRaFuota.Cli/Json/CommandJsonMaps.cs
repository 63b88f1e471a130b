using System.Collections.Frozen;
using LoRaFuota.ClockSync;
using LoRaFuota.Cli.Json.Fields;
using LoRaFuota.Fragmentation;
using LoRaFuota.Multicast;
using LoRaFuota.Packages;
using LoRaFuota.Payloads;
using F = LoRaFuota.Cli.Json.Fields.CommandJsonFields;

namespace LoRaFuota.Cli.Json;

/// <summary>
/// The JSON table of every command the CLI decodes and encodes: one row per field, in output order, bound to the
/// record property both ways. Fields that a version lacks say so; status bits may be left out on input.
/// </summary>
internal static class CommandJsonMaps
{
    private static readonly FrozenDictionary<AppLayerCommand, ICommandJsonMap> s_maps = Create().ToFrozenDictionary(m => m.Command);
    private static readonly FrozenDictionary<string, ICommandJsonMap> s_byName =
        s_maps.Values.ToFrozenDictionary(m => m.Command.ToString(), StringComparer.Ordinal);

    /// <summary>The map of <paramref name="command"/>, or null when the CLI has none.</summary>
    public static ICommandJsonMap? Find(AppLayerCommand command) => s_maps.GetValueOrDefault(command);

    /// <summary>The map of the command called <paramref name="name"/> (exact spelling), or null.</summary>
    public static ICommandJsonMap? Find(string name) => s_byName.GetValueOrDefault(name);

    /// <summary>Every map.</summary>
    public static IEnumerable<ICommandJsonMap> All => s_maps.Values;

    private static IEnumerable<ICommandJsonMap> Create() =>
    [
        .. ClockSync(),
        .. Fragmentation(),
        .. Multicast(),
    ];

    private static IEnumerable<ICommandJsonMap> ClockSync() =>
    [
        Command<PackageVersionReq>(AppLayerCommand.PackageVersionReq).Build(),
        Command<PackageVersionAns>(AppLayerCommand.PackageVersionAns)
            .Field(F.PackageIdentifier, c => c.PackageIdentifier, (c, x) => c with { PackageIdentifier = (byte)x })
            .Field(F.PackageVersionNumber, c => c.PackageVersion, (c, x) => c with { PackageVersion = (byte)x })
            .Build(),
        Command<AppTimeReq>(AppLayerCommand.AppTimeReq)
            .Field(F.DeviceTime, c => c.DeviceTime, (c, x) => c with { DeviceTime = (uint)x })
            .Field(F.TokenReq, c => c.TokenReq, (c, x) => c with { TokenReq = (byte)x })
            .Optional(F.AnsRequired, c => c.AnsRequired, (c, x) => c with { AnsRequired = x })
            .Build(),
        Command<AppTimeAns>(AppLayerCommand.AppTimeAns)
            .Field(F.TimeCorrection, c => c.TimeCorrection, (c, x) => c with { TimeCorrection = (int)x })
            .Field(F.TokenAns, c => c.TokenAns, (c, x) => c with { TokenAns = (byte)x })
            .Build(),
        Command<DeviceAppTimePeriodicityReq>(AppLayerCommand.DeviceAppTimePeriodicityReq)
            .Field(F.Period, c => c.Period, (c, x) => c with { Period = (byte)x })
            .Build(),
        Command<DeviceAppTimePeriodicityAns>(AppLayerCommand.DeviceAppTimePeriodicityAns)
            .Optional(F.NotSupported, c => c.NotSupported, (c, x) => c with { NotSupported = x })
            .Field(F.DeviceTime, c => c.DeviceTime, (c, x) => c with { DeviceTime = (uint)x })
            .Build(),
        Command<ForceDeviceResyncReq>(AppLayerCommand.ForceDeviceResyncReq)
            .Field(F.NbTransmissions, c => c.NbTransmissions, (c, x) => c with { NbTransmissions = (byte)x })
            .Build(),
        Command<ForceDeviceResyncCmd>(AppLayerCommand.ForceDeviceResyncCmd)
            .Field(F.NbTransmissions, c => c.NbTransmissions, (c, x) => c with { NbTransmissions = (byte)x })
            .Build(),
    ];

    private static IEnumerable<ICommandJsonMap> Fragmentation() =>
    [
        Command<FragSessionStatusReq>(AppLayerCommand.FragSessionStatusReq)
            .Field(F.FragIndex, c => c.FragIndex, (c, x) => c with { FragIndex = (byte)x })
            .Optional(F.Participants, c => c.Participants, (c, x) => c with { Participants = x })
            .Build(),
        Command<FragSessionStatusAns>(AppLayerCommand.FragSessionStatusAns, v => new() { Version = v })
            .Field(F.NbFragReceived, c => c.NbFragReceived, (c, x) => c with { NbFragReceived = (ushort)x }, PackageVersion.V1)
            .Field(F.FragIndex, c => c.FragIndex, (c, x) => c with { FragIndex = (byte)x }, PackageVersion.V1)
            .Field(F.MissingFrag, c => c.MissingFrag, (c, x) => c with { MissingFrag = (byte)x }, PackageVersion.V1)
            .Optional(F.NotEnoughMatrixMemory, c => c.MemoryError, (c, x) => c with { MemoryError = x }, PackageVersion.V1)
            .Optional(F.MemoryError, c => c.MemoryError, (c, x) => c with { MemoryError = x }, PackageVersion.V2)
            .Optional(F.MicError, c => c.MicError, (c, x) => c with { MicError = x }, PackageVersion.V2)
            .Optional(F.SessionDoesNotExist, c => c.SessionDoesNotExist, (c, x) => c with { SessionDoesNotExist = x }, PackageVersion.V2)
            .Optional(F.OmitReceivedFields, c => c.OmitsReceivedFields, (c, x) => c with { OmitsReceivedFields = x }, PackageVersion.V2)
            .Field(F.NbFragReceived, c => c.NbFragReceived, (c, x) => c with { NbFragReceived = (ushort)x }, PackageVersion.V2, Omitted)
            .Field(F.FragIndex, c => c.FragIndex, (c, x) => c with { FragIndex = (byte)x }, PackageVersion.V2, Omitted)
            .Field(F.MissingFrag, c => c.MissingFrag, (c, x) => c with { MissingFrag = (byte)x }, PackageVersion.V2, Omitted)
            .Build(),
        Command<FragSessionSetupReq>(AppLayerCommand.FragSessionSetupReq, v => new() { Version = v })
            .Field(F.FragIndex, c => c.FragIndex, (c, x) => c with { FragIndex = (byte)x })
            .Field(F.McGroupBitMask, c => c.McGroupBitMask, (c, x) => c with { McGroupBitMask = (byte)x })
            .Field(F.NbFrag, c => c.NbFrag, (c, x) => c with { NbFrag = (ushort)x })
            .Field(F.FragSize, c => c.FragSize, (c, x) => c with { FragSize = (byte)x })
            .Field(F.FragmentationMatrix, c => c.FragAlgo, (c, x) => c with { FragAlgo = (byte)x }, PackageVersion.V1)
            .Field(F.FragAlgo, c => c.FragAlgo, (c, x) => c with { FragAlgo = (byte)x }, PackageVersion.V2)
            .Field(F.BlockAckDelay, c => c.BlockAckDelay, (c, x) => c with { BlockAckDelay = (byte)x })
            .Optional(F.AckReception, c => c.AckReception, (c, x) => c with { AckReception = x }, PackageVersion.V2)
            .Field(F.Padding, c => c.Padding, (c, x) => c with { Padding = (byte)x })
            .Field(F.Descriptor, c => c.Descriptor, (c, x) => c with { Descriptor = (uint)x })
            .Field(F.SessionCnt, c => c.SessionCnt, (c, x) => c with { SessionCnt = (ushort)x }, PackageVersion.V2)
            .Field(F.Mic, c => c.Mic, (c, x) => c with { Mic = (uint)x }, PackageVersion.V2)
            .Build(),
        Command<FragSessionSetupAns>(AppLayerCommand.FragSessionSetupAns, v => new() { Version = v })
            .Field(F.FragIndex, c => c.FragIndex, (c, x) => c with { FragIndex = (byte)x })
            .Optional(F.EncodingUnsupported, c => c.EncodingUnsupported, (c, x) => c with { EncodingUnsupported = x }, PackageVersion.V1)
            .Optional(F.FragAlgoUnsupported, c => c.EncodingUnsupported, (c, x) => c with { EncodingUnsupported = x }, PackageVersion.V2)
            .Optional(F.NotEnoughMemory, c => c.NotEnoughMemory, (c, x) => c with { NotEnoughMemory = x })
            .Optional(F.FragIndexUnsupported, c => c.FragIndexUnsupported, (c, x) => c with { FragIndexUnsupported = x })
            .Optional(F.WrongDescriptor, c => c.WrongDescriptor, (c, x) => c with { WrongDescriptor = x })
            .Optional(F.SessionCntReplay, c => c.SessionCntReplay, (c, x) => c with { SessionCntReplay = x }, PackageVersion.V2)
            .Build(),
        Command<FragSessionDeleteReq>(AppLayerCommand.FragSessionDeleteReq)
            .Field(F.FragIndex, c => c.FragIndex, (c, x) => c with { FragIndex = (byte)x })
            .Build(),
        Command<FragSessionDeleteAns>(AppLayerCommand.FragSessionDeleteAns)
            .Field(F.FragIndex, c => c.FragIndex, (c, x) => c with { FragIndex = (byte)x })
            .Optional(F.SessionDoesNotExist, c => c.SessionDoesNotExist, (c, x) => c with { SessionDoesNotExist = x })
            .Build(),
        Command<FragDataBlockReceivedReq>(AppLayerCommand.FragDataBlockReceivedReq)
            .Field(F.FragIndex, c => c.FragIndex, (c, x) => c with { FragIndex = (byte)x })
            .Optional(F.MicError, c => c.MicError, (c, x) => c with { MicError = x })
            .Build(),
        Command<FragDataBlockReceivedAns>(AppLayerCommand.FragDataBlockReceivedAns)
            .Field(F.FragIndex, c => c.FragIndex, (c, x) => c with { FragIndex = (byte)x })
            .Build(),
        new CommandJsonMapBuilder<FragmentFields>(AppLayerCommand.DataFragment, DataFragment.Cid, _ => new(0, 0, []), ReadFragment, WriteFragment)
            .Field(F.FragIndex, c => c.FragIndex, (c, x) => c with { FragIndex = (byte)x })
            .Field(F.N, c => c.N, (c, x) => c with { N = (ushort)x })
            .Field(F.Payload, c => c.Payload, (c, x) => c with { Payload = x })
            .Build(),
    ];

    private static IEnumerable<ICommandJsonMap> Multicast() =>
    [
        Command<McGroupStatusReq>(AppLayerCommand.McGroupStatusReq)
            .Field(F.ReqGroupMask, c => c.ReqGroupMask, (c, x) => c with { ReqGroupMask = (byte)x })
            .Build(),
        Command<McGroupStatusAns>(AppLayerCommand.McGroupStatusAns)
            .Field(F.AnsGroupMask, c => c.AnsGroupMask, (c, x) => c with { AnsGroupMask = (byte)x })
            .Field(F.NbTotalGroups, c => c.NbTotalGroups, (c, x) => c with { NbTotalGroups = (byte)x })
            .Field(F.Items, c => new GroupList(c.AnsGroupMask, c.McAddresses), SetGroups)
            .Build(),
        Command<McGroupSetupReq>(AppLayerCommand.McGroupSetupReq)
            .Field(F.McGroupId, c => c.McGroupId, (c, x) => c with { McGroupId = (byte)x })
            .Field(F.McAddr, c => c.McAddr, (c, x) => c with { McAddr = (uint)x })
            .Field(F.McKeyEncrypted, c => c.McKeyEncrypted, (c, x) => c with { McKeyEncrypted = x })
            .Field(F.MinMcFCount, c => c.MinMcFCnt, (c, x) => c with { MinMcFCnt = (uint)x })
            .Field(F.MaxMcFCount, c => c.MaxMcFCnt, (c, x) => c with { MaxMcFCnt = (uint)x })
            .Build(),
        Command<McGroupSetupAns>(AppLayerCommand.McGroupSetupAns)
            .Field(F.McGroupId, c => c.McGroupId, (c, x) => c with { McGroupId = (byte)x })
            .Optional(F.IdError, c => c.IdError, (c, x) => c with { IdError = x })
            .Build(),
        Command<McGroupDeleteReq>(AppLayerCommand.McGroupDeleteReq)
            .Field(F.McGroupId, c => c.McGroupId, (c, x) => c with { McGroupId = (byte)x })
            .Build(),
        Command<McGroupDeleteAns>(AppLayerCommand.McGroupDeleteAns)
            .Field(F.McGroupId, c => c.McGroupId, (c, x) => c with { McGroupId = (byte)x })
            .Optional(F.McGroupUndefined, c => c.McGroupUndefined, (c, x) => c with { McGroupUndefined = x })
            .Build(),
        Command<McClassCSessionReq>(AppLayerCommand.McClassCSessionReq)
            .Field(F.McGroupId, c => c.McGroupId, (c, x) => c with { McGroupId = (byte)x })
            .Field(F.SessionTime, c => c.SessionTime, (c, x) => c with { SessionTime = (uint)x })
            .Field(F.TimeOut, c => c.TimeOut, (c, x) => c with { TimeOut = (byte)x })
            .Field(F.DlFrequencyHz, c => c.DlFrequencyHz, (c, x) => c with { DlFrequencyHz = (uint)x })
            .Field(F.DataRate, c => c.DataRate, (c, x) => c with { DataRate = (byte)x })
            .Build(),
        Command<McClassBSessionReq>(AppLayerCommand.McClassBSessionReq)
            .Field(F.McGroupId, c => c.McGroupId, (c, x) => c with { McGroupId = (byte)x })
            .Field(F.SessionTime, c => c.SessionTime, (c, x) => c with { SessionTime = (uint)x })
            .Field(F.TimeOut, c => c.TimeOut, (c, x) => c with { TimeOut = (byte)x })
            .Field(F.Periodicity, c => c.Periodicity, (c, x) => c with { Periodicity = (byte)x })
            .Field(F.DlFrequencyHz, c => c.DlFrequencyHz, (c, x) => c with { DlFrequencyHz = (uint)x })
            .Field(F.DataRate, c => c.DataRate, (c, x) => c with { DataRate = (byte)x })
            .Build(),
        Command<McClassCSessionAns>(AppLayerCommand.McClassCSessionAns, v => new() { Version = v })
            .Field(F.McGroupId, c => c.McGroupId, (c, x) => c with { McGroupId = (byte)x })
            .Optional(F.DrError, c => c.DrError, (c, x) => c with { DrError = x })
            .Optional(F.FreqError, c => c.FreqError, (c, x) => c with { FreqError = x })
            .Optional(F.McGroupUndefined, c => c.McGroupUndefined, (c, x) => c with { McGroupUndefined = x })
            .Optional(F.StartMissed, c => c.StartMissed, (c, x) => c with { StartMissed = x })
            .Optional(F.FutureErrors, c => c.FutureErrors, (c, x) => c with { FutureErrors = (byte)x }, PackageVersion.V2)
            .Field(F.TimeToStart, c => c.TimeToStart ?? 0, (c, x) => c with { TimeToStart = (uint)x }, omittedWhen: c => !c.IsAccepted)
            .Build(),
        Command<McClassBSessionAns>(AppLayerCommand.McClassBSessionAns, v => new() { Version = v })
            .Field(F.McGroupId, c => c.McGroupId, (c, x) => c with { McGroupId = (byte)x })
            .Optional(F.DrError, c => c.DrError, (c, x) => c with { DrError = x })
            .Optional(F.FreqError, c => c.FreqError, (c, x) => c with { FreqError = x })
            .Optional(F.McGroupUndefined, c => c.McGroupUndefined, (c, x) => c with { McGroupUndefined = x })
            .Optional(F.StartMissed, c => c.StartMissed, (c, x) => c with { StartMissed = x })
            .Optional(F.FutureErrors, c => c.FutureErrors, (c, x) => c with { FutureErrors = (byte)x }, PackageVersion.V2)
            .Field(F.TimeToStart, c => c.TimeToStart ?? 0, (c, x) => c with { TimeToStart = (uint)x }, omittedWhen: c => !c.IsAccepted)
            .Build(),
    ];

    private static bool Omitted(FragSessionStatusAns answer) => answer.OmitsReceivedFields;

    private static McGroupStatusAns SetGroups(McGroupStatusAns answer, GroupList groups) =>
        groups.Mask == answer.AnsGroupMask
            ? answer with { McAddresses = groups.Addresses }
            : throw new CliUsageException($"McGroupStatusAns: \"{F.Items.Name}\" must list exactly the groups of \"{F.AnsGroupMask.Name}\".");

    private static CommandJsonMapBuilder<T> Command<T>(AppLayerCommand command, Func<PackageVersion, T>? seed = null)
        where T : struct, IAppLayerCommand<T> =>
        new(command, T.CommandId, seed ?? (_ => default), ReadCommand, WriteCommand);

    private static bool ReadCommand<T>(ReadOnlySpan<byte> source, PackageVersion version, out T value)
        where T : struct, IAppLayerCommand<T> => T.TryRead(source, version, out value, out _);

    private static int WriteCommand<T>(in T value, Span<byte> destination)
        where T : struct, IAppLayerCommand<T> =>
        value.TryWrite(destination, out int written) ? written : throw new CliUsageException($"{typeof(T).Name} is longer than a frame.");

    private static bool ReadFragment(ReadOnlySpan<byte> source, PackageVersion version, out FragmentFields value)
    {
        bool read = DataFragment.TryRead(source, out DataFragment fragment, out _);
        value = read ? new FragmentFields(fragment.FragIndex, fragment.N, fragment.Payload.ToArray()) : default;
        return read;
    }

    private static int WriteFragment(in FragmentFields value, Span<byte> destination)
    {
        var fragment = new DataFragment(value.FragIndex, value.N, value.Payload);
        return fragment.TryWrite(destination, out int written) ? written : throw new CliUsageException("DataFragment is longer than a frame.");
    }
}
