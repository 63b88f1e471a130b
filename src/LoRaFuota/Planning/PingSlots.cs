using System.Buffers.Binary;

namespace LoRaFuota.Planning;

/// <summary>Class B ping-slot timing (LoRaWAN 1.0.4 §13 / 1.1 §14): where a device's or group's slots fall in a beacon period.</summary>
/// <remarks>
/// <code>
/// pingNb     = 2^(7 − periodicity)          pingPeriod = 2^12 / pingNb slots of 30 ms
/// Rand       = AES128-Encrypt(key = 0^16, beaconTime u32 LE | DevAddr u32 LE | 0^8)
/// pingOffset = (Rand[0] + 256·Rand[1]) mod pingPeriod
/// slot k     = beacon + 2.12 s (beacon reserved) + (pingOffset + k·pingPeriod)·30 ms,  k = 0 … pingNb − 1
/// </code>
/// For a multicast group the McAddr takes the place of DevAddr. beaconTime is the GPS time of the beacon (a multiple
/// of 128 s), modulo 2^32.
/// </remarks>
public static class PingSlots
{
    /// <summary>The time reserved for the beacon at the start of each period.</summary>
    public static readonly TimeSpan BeaconReserved = TimeSpan.FromMilliseconds(2120);

    /// <summary>The length of one ping slot.</summary>
    public static readonly TimeSpan SlotLength = TimeSpan.FromMilliseconds(30);

    private const int SlotsPerPeriod = 1 << 12;

    /// <summary>Gets the offsets of a group's ping slots from the start of the beacon period.</summary>
    /// <param name="beaconGpsTime">The GPS time of the beacon, a multiple of 128 s.</param>
    /// <param name="address">The McAddr (or DevAddr).</param>
    /// <param name="periodicity">0 to 7.</param>
    /// <param name="offsets">Receives 2^(7 − periodicity) offsets, ascending.</param>
    /// <returns>The number of offsets written.</returns>
    /// <exception cref="ArgumentException"><paramref name="offsets"/> is too short.</exception>
    public static int GetSlotOffsets(long beaconGpsTime, uint address, byte periodicity, Span<TimeSpan> offsets)
    {
        int pingNb = AppLayerTiming.GetPingSlotsPerBeaconPeriod(periodicity);
        if (offsets.Length < pingNb)
        {
            throw new ArgumentException($"Periodicity {periodicity} has {pingNb} slots per beacon period.", nameof(offsets));
        }

        int pingPeriod = SlotsPerPeriod / pingNb;
        Span<byte> block = stackalloc byte[16];
        block.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(block, GpsTime.ToUInt32(beaconGpsTime));
        BinaryPrimitives.WriteUInt32LittleEndian(block[4..], address);
        Key128 rand = Security.AesBlock.Encrypt(default, block); // key = 0^16
        int pingOffset = (rand[0] + (256 * rand[1])) % pingPeriod;
        for (int k = 0; k < pingNb; k++)
        {
            offsets[k] = BeaconReserved + (SlotLength * (pingOffset + (k * pingPeriod)));
        }

        return pingNb;
    }
}
