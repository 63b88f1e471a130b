using System.Buffers.Binary;
using System.Text.Json;
using LoRaFuota.ClockSync;
using LoRaFuota.Fragmentation;
using LoRaFuota.Multicast;
using LoRaFuota.Packages;
using LoRaFuota.Tests.TestUtilities;

namespace LoRaFuota.Tests.Vectors;

/// <summary>
/// Every single-command entry of commands.json through the library's own records, without the CLI: the vector's
/// fields build the record by hand here, reading the bytes gives that record, and writing it gives the bytes.
/// </summary>
public class LibraryVectorTests
{
    public static TheoryData<int> Entries() => new(SingleCommandIndices());

    [Fact]
    public void EveryCommandOfThePackages_HasAVector()
    {
        string[] covered = [.. SingleCommandIndices().Select(i => SpecVectors.Commands[i].GetProperty("command").GetString()!).Distinct()];

        // TS003 8 + TS004 9 + TS005 10, PackageVersionReq/Ans counted once; the file has no FragDataBlockReceivedReq,
        // which the spec-layout cases below cover.
        Assert.Equal(26, covered.Length);
        Assert.DoesNotContain("FragDataBlockReceivedReq", covered);
    }

    [Theory]
    [InlineData("0402", 2, false)] // TS004 v2 §3.6 layout: FragIndex 1:0, MICError 2
    [InlineData("0407", 3, true)]
    [InlineData("04fb", 3, false)] // RFU bits 7:3 are ignored on read
    public void FragDataBlockReceivedReq_FromTheSpecLayout(string hex, byte fragIndex, bool micError)
    {
        Assert.True(FragDataBlockReceivedReq.TryRead(Hex.Bytes(hex), PackageVersion.V2, out FragDataBlockReceivedReq read, out int consumed));
        Assert.Equal(2, consumed);
        Assert.Equal(new FragDataBlockReceivedReq(fragIndex, micError), read);

        byte[] written = new byte[2];
        Assert.True(read.TryWrite(written, out _));
        Assert.Equal((byte)(fragIndex | (micError ? 4 : 0)), written[1]);
    }

    [Theory]
    [MemberData(nameof(Entries))]
    public void Vector_ReadsAsTheRecordAndWritesAsTheBytes(int index)
    {
        JsonElement entry = SpecVectors.Commands[index];
        byte[] bytes = Hex.Bytes(entry.GetProperty("bytes_hex").GetString()!);
        var f = new Fields(entry.GetProperty("fields"));
        PackageVersion v = SpecVectors.Version(entry);
        switch (entry.GetProperty("command").GetString())
        {
            case "PackageVersionReq": Check(bytes, v, default(PackageVersionReq)); break;
            case "PackageVersionAns": Check(bytes, v, new PackageVersionAns(f.U8("package_identifier"), f.U8("package_version"))); break;
            case "AppTimeReq": Check(bytes, v, new AppTimeReq(f.U32("device_time"), f.U8("token_req"), f.Flag("ans_required"))); break;
            case "AppTimeAns": Check(bytes, v, new AppTimeAns(f.I32("time_correction"), f.U8("token_ans"))); break;
            case "DeviceAppTimePeriodicityReq": Check(bytes, v, new DeviceAppTimePeriodicityReq(f.U8("period"))); break;
            case "DeviceAppTimePeriodicityAns": Check(bytes, v, new DeviceAppTimePeriodicityAns(f.Flag("not_supported"), f.U32("device_time"))); break;
            case "ForceDeviceResyncReq": Check(bytes, v, new ForceDeviceResyncReq(f.U8("nb_transmissions"))); break;
            case "ForceDeviceResyncCmd": Check(bytes, v, new ForceDeviceResyncCmd(f.U8("nb_transmissions"))); break;
            case "FragSessionStatusReq": Check(bytes, v, new FragSessionStatusReq(f.U8("frag_index"), f.Flag("participants"))); break;
            case "FragSessionStatusAns": Check(bytes, v, StatusAns(f, v)); break;
            case "FragSessionSetupReq": Check(bytes, v, SetupReq(f, v)); break;
            case "FragSessionSetupAns": Check(bytes, v, SetupAns(f, v)); break;
            case "FragSessionDeleteReq": Check(bytes, v, new FragSessionDeleteReq(f.U8("frag_index"))); break;
            case "FragSessionDeleteAns": Check(bytes, v, new FragSessionDeleteAns(f.U8("frag_index"), f.Flag("session_does_not_exist"))); break;
            case "FragDataBlockReceivedReq": Check(bytes, v, new FragDataBlockReceivedReq(f.U8("frag_index"), f.Flag("mic_error"))); break;
            case "FragDataBlockReceivedAns": Check(bytes, v, new FragDataBlockReceivedAns(f.U8("frag_index"))); break;
            case "DataFragment": CheckFragment(bytes, f); break;
            case "McGroupStatusReq": Check(bytes, v, new McGroupStatusReq(f.U8("req_group_mask"))); break;
            case "McGroupStatusAns": Check(bytes, v, GroupStatusAns(f)); break;
            case "McGroupSetupReq": Check(bytes, v, GroupSetupReq(f)); break;
            case "McGroupSetupAns": Check(bytes, v, new McGroupSetupAns(f.U8("mc_group_id"), f.Flag("id_error"))); break;
            case "McGroupDeleteReq": Check(bytes, v, new McGroupDeleteReq(f.U8("mc_group_id"))); break;
            case "McGroupDeleteAns": Check(bytes, v, new McGroupDeleteAns(f.U8("mc_group_id"), f.Flag("mc_group_undefined"))); break;
            case "McClassCSessionReq":
                Check(bytes, v, new McClassCSessionReq
                {
                    McGroupId = f.U8("mc_group_id"), SessionTime = f.U32("session_time"), TimeOut = f.U8("time_out"),
                    DlFrequencyHz = f.U32("dl_frequency_hz"), DataRate = f.U8("dr"),
                });
                break;
            case "McClassBSessionReq":
                Check(bytes, v, new McClassBSessionReq
                {
                    McGroupId = f.U8("mc_group_id"), SessionTime = f.U32("session_time"), TimeOut = f.U8("time_out"),
                    Periodicity = f.U8("periodicity"), DlFrequencyHz = f.U32("dl_frequency_hz"), DataRate = f.U8("dr"),
                });
                break;
            case "McClassCSessionAns":
                Check(bytes, v, new McClassCSessionAns
                {
                    Version = v, McGroupId = f.U8("mc_group_id"), DrError = f.Flag("dr_error"), FreqError = f.Flag("freq_error"),
                    McGroupUndefined = f.Flag("mc_group_undefined"), StartMissed = f.Flag("start_missed"),
                    FutureErrors = f.U8("future_errors"), TimeToStart = f.OptionalU32("time_to_start"),
                });
                break;
            case "McClassBSessionAns":
                Check(bytes, v, new McClassBSessionAns
                {
                    Version = v, McGroupId = f.U8("mc_group_id"), DrError = f.Flag("dr_error"), FreqError = f.Flag("freq_error"),
                    McGroupUndefined = f.Flag("mc_group_undefined"), StartMissed = f.Flag("start_missed"),
                    FutureErrors = f.U8("future_errors"), TimeToStart = f.OptionalU32("time_to_start"),
                });
                break;
            default:
                Assert.Fail($"no library mapping for {entry.GetProperty("command").GetString()}");
                break;
        }
    }

    private static IEnumerable<int> SingleCommandIndices()
    {
        int index = 0;
        foreach (JsonElement entry in SpecVectors.Commands.EnumerateArray())
        {
            if (SpecVectors.IsCodecEntry(entry) && !entry.GetProperty("fields").TryGetProperty("commands", out _))
            {
                yield return index;
            }

            index++;
        }
    }

    private static void Check<T>(byte[] bytes, PackageVersion version, T expected)
        where T : struct, IAppLayerCommand<T>
    {
        Assert.True(T.TryRead(bytes, version, out T read, out int consumed));
        Assert.Equal(bytes.Length, consumed);
        Assert.Equal(expected, read);

        byte[] written = new byte[64];
        Assert.True(expected.TryWrite(written, out int length));
        Assert.Equal(Hex.Of(bytes), Hex.Of(written.AsSpan(0, length)));
    }

    private static void CheckFragment(byte[] bytes, Fields f)
    {
        Assert.True(DataFragment.TryRead(bytes, out DataFragment read, out int consumed));
        Assert.Equal(bytes.Length, consumed);
        Assert.Equal(f.U8("frag_index"), read.FragIndex);
        Assert.Equal(f.U32("n"), read.N);
        Assert.Equal(f.Text("payload_hex"), Hex.Of(read.Payload));

        var fragment = new DataFragment(f.U8("frag_index"), (ushort)f.U32("n"), Hex.Bytes(f.Text("payload_hex")));
        byte[] written = new byte[64];
        Assert.True(fragment.TryWrite(written, out int length));
        Assert.Equal(Hex.Of(bytes), Hex.Of(written.AsSpan(0, length)));
    }

    private static FragSessionStatusAns StatusAns(Fields f, PackageVersion v) => new()
    {
        Version = v,
        FragIndex = f.U8("frag_index"),
        NbFragReceived = (ushort)f.U32("nb_frag_received"),
        MissingFrag = f.U8("missing_frag"),
        MemoryError = f.Flag(v == PackageVersion.V1 ? "not_enough_matrix_memory" : "memory_error"),
        MicError = f.Flag("mic_error"),
        SessionDoesNotExist = f.Flag("session_does_not_exist"),
        OmitsReceivedFields = f.Flag("omit_received_fields"),
    };

    private static FragSessionSetupReq SetupReq(Fields f, PackageVersion v) => new()
    {
        Version = v,
        FragIndex = f.U8("frag_index"),
        McGroupBitMask = f.U8("mc_group_bit_mask"),
        NbFrag = (ushort)f.U32("nb_frag"),
        FragSize = f.U8("frag_size"),
        FragAlgo = f.U8(v == PackageVersion.V1 ? "fragmentation_matrix" : "frag_algo"),
        BlockAckDelay = f.U8("block_ack_delay"),
        AckReception = f.Flag("ack_reception"),
        Padding = f.U8("padding"),
        Descriptor = f.Wire("descriptor_hex"),
        SessionCnt = (ushort)f.U32("session_cnt"),
        Mic = f.Wire("mic_hex"),
    };

    private static FragSessionSetupAns SetupAns(Fields f, PackageVersion v) => new()
    {
        Version = v,
        FragIndex = f.U8("frag_index"),
        EncodingUnsupported = f.Flag(v == PackageVersion.V1 ? "encoding_unsupported" : "frag_algo_unsupported"),
        NotEnoughMemory = f.Flag("not_enough_memory"),
        FragIndexUnsupported = f.Flag("frag_index_unsupported"),
        WrongDescriptor = f.Flag("wrong_descriptor"),
        SessionCntReplay = f.Flag("session_cnt_replay"),
    };

    private static McGroupStatusAns GroupStatusAns(Fields f)
    {
        McGroupAddresses addresses = default;
        foreach (JsonElement item in f.Items("items"))
        {
            var record = new Fields(item);
            addresses[record.U8("mc_group_id")] = Convert.ToUInt32(record.Text("mc_addr"), 16);
        }

        return new McGroupStatusAns { AnsGroupMask = f.U8("ans_group_mask"), NbTotalGroups = f.U8("nb_total_groups"), McAddresses = addresses };
    }

    private static McGroupSetupReq GroupSetupReq(Fields f) => new()
    {
        McGroupId = f.U8("mc_group_id"),
        McAddr = Convert.ToUInt32(f.Text("mc_addr"), 16),
        McKeyEncrypted = Key128.Parse(f.Text("mc_key_encrypted_hex")),
        MinMcFCnt = f.U32("min_mc_fcount"),
        MaxMcFCnt = f.U32("max_mc_fcount"),
    };

    /// <summary>The vector's fields; one that is absent or null reads as 0 or false.</summary>
    private readonly struct Fields(JsonElement element)
    {
        public byte U8(string name) => (byte)U32(name);

        public uint U32(string name) => Has(name, out JsonElement value) ? value.GetUInt32() : 0;

        public int I32(string name) => Has(name, out JsonElement value) ? value.GetInt32() : 0;

        public uint? OptionalU32(string name) => Has(name, out JsonElement value) ? value.GetUInt32() : null;

        public bool Flag(string name) => Has(name, out JsonElement value) && value.GetBoolean();

        public string Text(string name) => Has(name, out JsonElement value) ? value.GetString()! : string.Empty;

        public uint Wire(string name) => Has(name, out JsonElement value) ? BinaryPrimitives.ReadUInt32LittleEndian(Hex.Bytes(value.GetString()!)) : 0;

        public JsonElement.ArrayEnumerator Items(string name) => element.GetProperty(name).EnumerateArray();

        private bool Has(string name, out JsonElement value) =>
            element.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;
    }
}
