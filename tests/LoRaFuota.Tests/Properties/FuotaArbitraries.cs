using FsCheck;
using FsCheck.Fluent;
using LoRaFuota.ClockSync;
using LoRaFuota.Fragmentation;
using LoRaFuota.Multicast;
using LoRaFuota.Packages;

namespace LoRaFuota.Tests.Properties;

/// <summary>Generators of valid commands (every field within its wire range) for the codec properties.</summary>
public static class FuotaArbitraries
{
    private static readonly Gen<bool> s_bool = Gen.Elements(true, false);
    private static readonly Gen<PackageVersion> s_version = Gen.Elements(PackageVersion.V1, PackageVersion.V2);

    public static Gen<byte> Bits(int bits) => Gen.Choose(0, (1 << bits) - 1).Select(x => (byte)x);

    public static Gen<byte> U8 => Gen.Choose(0, 255).Select(x => (byte)x);

    public static Gen<ushort> U16 => Gen.Choose(0, ushort.MaxValue).Select(x => (ushort)x);

    public static Gen<uint> U32 => Gen.Zip(U16, U16).Select(t => ((uint)t.Item1 << 16) | t.Item2);

    public static Gen<byte[]> Bytes(int min, int max) =>
        Gen.Choose(min, max).SelectMany(n => Gen.ArrayOf(U8, n));

    public static Arbitrary<PackageVersionReq> PackageVersionReq() => Arb.From(Gen.Constant(default(PackageVersionReq)));

    public static Arbitrary<PackageVersionAns> PackageVersionAns() =>
        Arb.From(Gen.Zip(U8, U8).Select(t => new PackageVersionAns(t.Item1, t.Item2)));

    public static Arbitrary<AppTimeReq> AppTimeReq() =>
        Arb.From(from time in U32 from token in Bits(4) from ans in s_bool select new AppTimeReq(time, token, ans));

    public static Arbitrary<AppTimeAns> AppTimeAns() =>
        Arb.From(from correction in U32 from token in Bits(4) select new AppTimeAns(unchecked((int)correction), token));

    public static Arbitrary<DeviceAppTimePeriodicityReq> DeviceAppTimePeriodicityReq() =>
        Arb.From(Bits(4).Select(p => new DeviceAppTimePeriodicityReq(p)));

    public static Arbitrary<DeviceAppTimePeriodicityAns> DeviceAppTimePeriodicityAns() =>
        Arb.From(from ns in s_bool from time in U32 select new DeviceAppTimePeriodicityAns(ns, time));

    public static Arbitrary<ForceDeviceResyncReq> ForceDeviceResyncReq() => Arb.From(Bits(3).Select(n => new ForceDeviceResyncReq(n)));

    public static Arbitrary<ForceDeviceResyncCmd> ForceDeviceResyncCmd() => Arb.From(Bits(3).Select(n => new ForceDeviceResyncCmd(n)));

    public static Arbitrary<FragSessionStatusReq> FragSessionStatusReq() =>
        Arb.From(from index in Bits(2) from all in s_bool select new FragSessionStatusReq(index, all));

    public static Arbitrary<FragSessionStatusAns> FragSessionStatusAns()
    {
        Gen<FragSessionStatusAns> full =
            from version in s_version
            from index in Bits(2)
            from received in Gen.Choose(0, 0x3FFF)
            from missing in U8
            from memory in s_bool
            from mic in s_bool
            from missingSession in s_bool
            select new FragSessionStatusAns
            {
                Version = version,
                FragIndex = index,
                NbFragReceived = (ushort)received,
                MissingFrag = missing,
                MemoryError = memory,
                MicError = version == PackageVersion.V2 && mic,
                SessionDoesNotExist = version == PackageVersion.V2 && missingSession,
            };
        Gen<FragSessionStatusAns> shortForm =
            from memory in s_bool
            from mic in s_bool
            select new FragSessionStatusAns
            {
                Version = PackageVersion.V2,
                MemoryError = memory,
                MicError = mic,
                SessionDoesNotExist = true,
                OmitsReceivedFields = true,
            };
        return Arb.From(Gen.Frequency((4, full), (1, shortForm)));
    }

    public static Arbitrary<FragSessionSetupReq> FragSessionSetupReq() => Arb.From(
        from version in s_version
        from index in Bits(2)
        from mask in Bits(4)
        from nbFrag in Gen.Choose(1, ushort.MaxValue)
        from fragSize in Gen.Choose(1, 255)
        from delay in Bits(3)
        from algo in Bits(3)
        from ack in s_bool
        from padding in U8
        from descriptor in U32
        from counter in U16
        from mic in U32
        let v2 = version == PackageVersion.V2
        select new FragSessionSetupReq
        {
            Version = version,
            FragIndex = index,
            McGroupBitMask = mask,
            NbFrag = (ushort)nbFrag,
            FragSize = (byte)fragSize,
            BlockAckDelay = delay,
            FragAlgo = algo,
            AckReception = v2 && ack,
            Padding = padding,
            Descriptor = descriptor,
            SessionCnt = v2 ? counter : (ushort)0,
            Mic = v2 ? mic : 0,
        });

    public static Arbitrary<FragSessionSetupAns> FragSessionSetupAns() => Arb.From(
        from version in s_version
        from index in Bits(2)
        from flags in Bits(5)
        select new FragSessionSetupAns
        {
            Version = version,
            FragIndex = index,
            EncodingUnsupported = (flags & 1) != 0,
            NotEnoughMemory = (flags & 2) != 0,
            FragIndexUnsupported = (flags & 4) != 0,
            WrongDescriptor = (flags & 8) != 0,
            SessionCntReplay = version == PackageVersion.V2 && (flags & 16) != 0,
        });

    public static Arbitrary<FragSessionDeleteReq> FragSessionDeleteReq() => Arb.From(Bits(2).Select(i => new FragSessionDeleteReq(i)));

    public static Arbitrary<FragSessionDeleteAns> FragSessionDeleteAns() =>
        Arb.From(from i in Bits(2) from missing in s_bool select new FragSessionDeleteAns(i, missing));

    public static Arbitrary<FragDataBlockReceivedReq> FragDataBlockReceivedReq() =>
        Arb.From(from i in Bits(2) from mic in s_bool select new FragDataBlockReceivedReq(i, mic));

    public static Arbitrary<FragDataBlockReceivedAns> FragDataBlockReceivedAns() => Arb.From(Bits(2).Select(i => new FragDataBlockReceivedAns(i)));

    public static Arbitrary<McGroupStatusReq> McGroupStatusReq() => Arb.From(Bits(4).Select(m => new McGroupStatusReq(m)));

    public static Arbitrary<McGroupStatusAns> McGroupStatusAns() => Arb.From(
        from mask in Bits(4)
        from total in Gen.Choose(0, 4)
        from a in U32
        from b in U32
        from c in U32
        from d in U32
        select Status(mask, (byte)total, [a, b, c, d]));

    public static Arbitrary<McGroupSetupReq> McGroupSetupReq() => Arb.From(
        from grp in Bits(2)
        from address in U32
        from key in Gen.ArrayOf(U8, 16)
        from min in U32
        from max in U32
        select new McGroupSetupReq { McGroupId = grp, McAddr = address, McKeyEncrypted = Key128.Create(key), MinMcFCnt = min, MaxMcFCnt = max });

    public static Arbitrary<McGroupSetupAns> McGroupSetupAns() =>
        Arb.From(from g in Bits(2) from e in s_bool select new McGroupSetupAns(g, e));

    public static Arbitrary<McGroupDeleteReq> McGroupDeleteReq() => Arb.From(Bits(2).Select(g => new McGroupDeleteReq(g)));

    public static Arbitrary<McGroupDeleteAns> McGroupDeleteAns() =>
        Arb.From(from g in Bits(2) from e in s_bool select new McGroupDeleteAns(g, e));

    public static Arbitrary<McClassCSessionReq> McClassCSessionReq() => Arb.From(
        from g in Bits(2)
        from time in U32
        from timeOut in Bits(4)
        from frequency in Gen.Choose(0, (int)LoRaBitConverterMax)
        from dr in U8
        select new McClassCSessionReq { McGroupId = g, SessionTime = time, TimeOut = timeOut, DlFrequencyHz = (uint)frequency * 100, DataRate = dr });

    public static Arbitrary<McClassBSessionReq> McClassBSessionReq() => Arb.From(
        from g in Bits(2)
        from time in U32
        from timeOut in Bits(4)
        from periodicity in Bits(3)
        from frequency in Gen.Choose(0, (int)LoRaBitConverterMax)
        from dr in U8
        select new McClassBSessionReq { McGroupId = g, SessionTime = time, TimeOut = timeOut, Periodicity = periodicity, DlFrequencyHz = (uint)frequency * 100, DataRate = dr });

    public static Arbitrary<McClassCSessionAns> McClassCSessionAns() => Arb.From(
        SessionAns().Select(s => new McClassCSessionAns
        {
            Version = s.Version, McGroupId = s.Group, DrError = s.Dr, FreqError = s.Freq, McGroupUndefined = s.Undefined,
            StartMissed = s.Missed, FutureErrors = s.Future, TimeToStart = s.TimeToStart,
        }));

    public static Arbitrary<McClassBSessionAns> McClassBSessionAns() => Arb.From(
        SessionAns().Select(s => new McClassBSessionAns
        {
            Version = s.Version, McGroupId = s.Group, DrError = s.Dr, FreqError = s.Freq, McGroupUndefined = s.Undefined,
            StartMissed = s.Missed, FutureErrors = s.Future, TimeToStart = s.TimeToStart,
        }));

    private const uint LoRaBitConverterMax = 0xFF_FFFF;

    private static McGroupStatusAns Status(byte mask, byte total, uint[] addresses)
    {
        McGroupAddresses table = default;
        for (int group = 0; group < 4; group++)
        {
            table[group] = ((mask >> group) & 1) != 0 ? addresses[group] : 0;
        }

        return new McGroupStatusAns { AnsGroupMask = mask, NbTotalGroups = total, McAddresses = table };
    }

    private sealed record SessionAnsFields(PackageVersion Version, byte Group, bool Dr, bool Freq, bool Undefined, bool Missed, byte Future, uint? TimeToStart);

    private static Gen<SessionAnsFields> SessionAns() =>
        from version in s_version
        from g in Bits(2)
        from flags in Bits(4)
        from future in Bits(2)
        from seconds in Gen.Choose(0, (int)LoRaBitConverterMax)
        let v2 = version == PackageVersion.V2
        let futureBits = v2 ? future : (byte)0
        let error = (flags & 0b0111) != 0 || (v2 && ((flags & 0b1000) != 0 || futureBits != 0))
        select new SessionAnsFields(version, g, (flags & 1) != 0, (flags & 2) != 0, (flags & 4) != 0, (flags & 8) != 0, futureBits, error ? null : (uint)seconds);
}
