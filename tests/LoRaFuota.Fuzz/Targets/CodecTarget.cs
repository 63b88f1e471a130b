using LoRaFuota.ClockSync;
using LoRaFuota.FirmwareManagement;
using LoRaFuota.Fragmentation;
using LoRaFuota.Fuzz.Driver;
using LoRaFuota.Multicast;
using LoRaFuota.Packages;

namespace LoRaFuota.Fuzz.Targets;

/// <summary>
/// Every command record on its own: byte 0 picks the record, byte 1 the version, the rest is read with the record's
/// CID in front. Whatever reads must write back to a canonical form that reads the same, with the length announced.
/// </summary>
internal sealed class CodecTarget : IFuzzTarget
{
    private delegate int Law(ReadOnlySpan<byte> bytes, PackageVersion version);

    private static readonly Law[] s_laws =
    [
        Check<PackageVersionReq>, Check<PackageVersionAns>, Check<AppTimeReq>, Check<AppTimeAns>,
        Check<DeviceAppTimePeriodicityReq>, Check<DeviceAppTimePeriodicityAns>, Check<ForceDeviceResyncReq>, Check<ForceDeviceResyncCmd>,
        Check<FragSessionStatusReq>, Check<FragSessionStatusAns>, Check<FragSessionSetupReq>, Check<FragSessionSetupAns>,
        Check<FragSessionDeleteReq>, Check<FragSessionDeleteAns>, Check<FragDataBlockReceivedReq>, Check<FragDataBlockReceivedAns>,
        Check<McGroupStatusReq>, Check<McGroupStatusAns>, Check<McGroupSetupReq>, Check<McGroupSetupAns>,
        Check<McGroupDeleteReq>, Check<McGroupDeleteAns>, Check<McClassCSessionReq>, Check<McClassCSessionAns>,
        Check<McClassBSessionReq>, Check<McClassBSessionAns>, Check<DevVersionReq>, Check<DevVersionAns>,
        CheckFragment,
    ];

    public string Name => "codec";

    public IReadOnlyList<byte[]> Seeds { get; } =
        [.. Enumerable.Range(0, s_laws.Length).SelectMany(i => new byte[][] { [(byte)i, 0, 0x12, 0x34, 0x56, 0x78, 0x9A], [(byte)i, 1, 0xFF, 0x00, 0x10, 0x04, 0x00, 0x00, 0x01, 0x02, 0x03, 0x04] })];

    public int Execute(ReadOnlySpan<byte> input)
    {
        if (input.Length < 2)
        {
            return 0;
        }

        int which = input[0] % s_laws.Length;
        PackageVersion version = (input[1] & 1) != 0 ? PackageVersion.V2 : PackageVersion.V1;
        return (which << 8) | s_laws[which](input[2..], version);
    }

    private static int Check<T>(ReadOnlySpan<byte> rest, PackageVersion version)
        where T : struct, IAppLayerCommand<T>, IEquatable<T>
    {
        Span<byte> bytes = stackalloc byte[rest.Length + 1];
        bytes[0] = T.CommandId;
        rest.CopyTo(bytes[1..]);
        if (!T.TryRead(bytes, version, out T value, out int consumed))
        {
            FuzzFinding.Check(consumed == 0 && value.Equals(default), "a failed read reports 0 bytes and the default value");
            return 0;
        }

        FuzzFinding.Check(consumed >= 1 && consumed <= bytes.Length, "a read consumes part of the input");
        Span<byte> written = stackalloc byte[300];
        FuzzFinding.Check(value.TryWrite(written, out int length), "a value that was read can be written");
        FuzzFinding.Check(length == value.GetByteCount(), "the written length is the announced length");
        FuzzFinding.Check(T.TryRead(written[..length], version, out T again, out int consumedAgain) && consumedAgain == length, "the canonical form reads whole");
        FuzzFinding.Check(again.Equals(value), "the canonical form reads as the same value");
        return 1 + (consumed == length ? 1 : 2);
    }

    private static int CheckFragment(ReadOnlySpan<byte> rest, PackageVersion version)
    {
        Span<byte> bytes = stackalloc byte[rest.Length + 1];
        bytes[0] = DataFragment.Cid;
        rest.CopyTo(bytes[1..]);
        if (!DataFragment.TryRead(bytes, out DataFragment fragment, out int consumed))
        {
            FuzzFinding.Check(consumed == 0, "a failed fragment read reports 0 bytes");
            return 0;
        }

        FuzzFinding.Check(consumed == bytes.Length && fragment.Payload.Length == bytes.Length - DataFragment.HeaderLength, "a fragment takes the rest of the frame");
        if (fragment.N == 0)
        {
            return 1; // readable on the wire, but no fragment number: the decoder calls it invalid
        }

        Span<byte> written = stackalloc byte[bytes.Length];
        FuzzFinding.Check(fragment.TryWrite(written, out int length) && written[..length].SequenceEqual(bytes), "a fragment writes back to its bytes");
        return 2;
    }
}
