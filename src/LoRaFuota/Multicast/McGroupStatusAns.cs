using System.Buffers.Binary;
using System.Numerics;
using LoRaFuota.Packages;

namespace LoRaFuota.Multicast;

/// <summary>McGroupStatusAns (uplink, CID 0x01): the groups a device has defined, with their addresses.</summary>
/// <remarks>
/// <code>
/// off      size field
///  0        1   CID 0x01
///  1        1   Status: RFU 7 | NbTotalGroups 6:4 | AnsGroupMask 3:0
///  2+5i     1   McGroupID of the i-th set bit of AnsGroupMask
///  3+5i     4   McAddr (u32 LE)
/// </code>
/// TS005 §3.2: one 5-byte record per set bit of AnsGroupMask, in ascending group order; the length is 2 + 5·n.
/// Records are written in ascending order and read in any order (ChirpStack's library writes them in the order it is
/// given), each group once: a record whose McGroupID is not in the mask or repeats one, or NbTotalGroups above 4,
/// is illegal.
/// </remarks>
public readonly record struct McGroupStatusAns : IAppLayerCommand<McGroupStatusAns>
{
    /// <summary>The command identifier.</summary>
    public const byte Cid = 0x01;

    /// <summary>The length in bytes of the answer without records.</summary>
    public const int HeaderLength = 2;

    /// <summary>The length in bytes of one group record.</summary>
    public const int RecordLength = 5;

    private const int MaskBits = 0x0F;      // bits 3:0
    private const int TotalShift = 4;       // bits 6:4
    private const int TotalBits = 0x07;
    private const int MaxGroups = McGroupAddresses.Count;

    /// <summary>Gets the groups listed in the answer (bit n = group n).</summary>
    public byte AnsGroupMask { get; init; }

    /// <summary>Gets the number of groups defined in the device, 0 to 4.</summary>
    public byte NbTotalGroups { get; init; }

    /// <summary>Gets the McAddr of each listed group, indexed by McGroupID; entries not in the mask are 0.</summary>
    public McGroupAddresses McAddresses { get; init; }

    /// <inheritdoc/>
    public static byte CommandId => Cid;

    /// <summary>Gets the encoded length of an answer that lists the groups in <paramref name="ansGroupMask"/>.</summary>
    /// <param name="ansGroupMask">The group mask.</param>
    /// <returns>2 + 5 per set bit.</returns>
    public static int GetByteCount(byte ansGroupMask) => HeaderLength + (RecordLength * BitOperations.PopCount((uint)(ansGroupMask & MaskBits)));

    /// <inheritdoc/>
    public int GetByteCount() => GetByteCount(AnsGroupMask);

    /// <summary>Reads 2 + 5·n bytes. The RFU bit is ignored.</summary>
    /// <inheritdoc cref="IAppLayerCommand{TSelf}.TryRead"/>
    public static bool TryRead(ReadOnlySpan<byte> source, PackageVersion version, out McGroupStatusAns value, out int bytesConsumed)
    {
        if (!CommandCodec.Starts(source, Cid, HeaderLength))
        {
            return CommandCodec.Fail(out value, out bytesConsumed);
        }

        byte mask = (byte)(source[1] & MaskBits);
        byte total = (byte)((source[1] >> TotalShift) & TotalBits);
        int length = GetByteCount(mask);
        if (source.Length < length || total > MaxGroups)
        {
            return CommandCodec.Fail(out value, out bytesConsumed);
        }

        McGroupAddresses addresses = default;
        int pending = mask;
        for (int offset = HeaderLength; offset < length; offset += RecordLength)
        {
            int group = source[offset];
            if (group >= MaxGroups || ((pending >> group) & 1) == 0)
            {
                return CommandCodec.Fail(out value, out bytesConsumed); // not in the mask, or listed twice
            }

            pending &= ~(1 << group);
            addresses[group] = BinaryPrimitives.ReadUInt32LittleEndian(source[(offset + 1)..]);
        }

        var result = new McGroupStatusAns { AnsGroupMask = mask, NbTotalGroups = total, McAddresses = addresses };
        return CommandCodec.Succeed(result, length, out value, out bytesConsumed);
    }

    /// <summary>Writes 2 + 5·n bytes.</summary>
    /// <inheritdoc cref="IAppLayerCommand{TSelf}.TryWrite"/>
    public bool TryWrite(Span<byte> destination, out int bytesWritten)
    {
        FieldGuard.Bits(AnsGroupMask, 4);
        FieldGuard.Max(NbTotalGroups, MaxGroups);
        bytesWritten = 0;
        int length = GetByteCount();
        if (destination.Length < length)
        {
            return false;
        }

        destination[0] = Cid;
        destination[1] = (byte)(AnsGroupMask | (NbTotalGroups << TotalShift));
        int offset = HeaderLength;
        for (int group = 0; group < MaxGroups; group++)
        {
            if (((AnsGroupMask >> group) & 1) != 0)
            {
                destination[offset] = (byte)group;
                BinaryPrimitives.WriteUInt32LittleEndian(destination[(offset + 1)..], McAddresses[group]);
                offset += RecordLength;
            }
        }

        bytesWritten = length;
        return true;
    }
}
