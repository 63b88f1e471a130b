using System.Globalization;
using LoRaFuota.Campaigns;
using LoRaFuota.ChirpStack.Protocol.Api;
using LoRaFuota.Fragmentation;
using LoRaFuota.Planning;
using LoRaFuota.Regions;

namespace LoRaFuota.Emulation.ChirpStack;

/// <content>The multicast side, by ChirpStack's rules (network-servers.md §1.6).</content>
public sealed partial class ChirpStackEmulator
{
    internal EmulatedGroup CreateGroup(MulticastGroup spec)
    {
        string id = Guid.NewGuid().ToString();
        spec.Id = id;
        uint mcAddr = uint.Parse(spec.McAddr, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        MulticastClass multicastClass = spec.GroupType == MulticastGroupType.ClassB ? MulticastClass.ClassB : MulticastClass.ClassC;
        lock (Gate)
        {
            var group = new EmulatedGroup(id, _nextGroup++, spec);
            _groups[id] = group;
            Network.CreateMulticastGroup(new MulticastGroupCreation(
                NextId(), group.Index, mcAddr, Key128.Parse(spec.McAppSKey), Key128.Parse(spec.McNwkSKey), spec.FCnt, multicastClass, (int)spec.Dr, spec.Frequency,
                (byte)spec.ClassBPingSlotPeriodicity, [], Time.GetUtcNow(), DateTimeOffset.MaxValue));
            return group;
        }
    }

    /// <summary>ChirpStack's enqueue: the group's counter, the due time by the class's rule; returns the counter used.</summary>
    internal uint EnqueueMulticast(EmulatedGroup group, MulticastGroupQueueItem item)
    {
        List<DeviceUplink> uplinks;
        uint fCnt;
        lock (Gate)
        {
            uplinks = Catch();
            DateTimeOffset now = Time.GetUtcNow();
            fCnt = group.Spec.FCnt++;
            item.FCnt = fCnt;
            bool pending = group.Queue.Count > 0;
            DateTimeOffset due = group.Spec.GroupType == MulticastGroupType.ClassB
                ? NextPingSlot(group, pending && group.LastDue is DateTimeOffset last ? Max(last + _options.ClassBMargin, now + _options.ClassBMargin) : now + _options.ClassBMargin)
                : pending && group.LastDue is DateTimeOffset previous ? previous + _options.ClassCMargin * Math.Max(1, GatewayFactor(group)) : now;
            group.LastDue = due;
            group.Queue.Add((due, item));
            DateTimeOffset expires = item.ExpiresAt?.ToDateTimeOffset() ?? DateTimeOffset.MaxValue;
            Region.TryGetDownlinkDataRate((int)group.Spec.Dr, dwellTime: false, out DataRate? rate);
            if (rate is not null && item.Data.Length > rate.MaxPayload)
            {
                Drop(Invariant($"group {group.Id} FCnt {fCnt}: {item.Data.Length} bytes exceed DR{group.Spec.Dr}'s {rate.MaxPayload} (DOWNLINK_PAYLOAD_SIZE)"));
            }
            else if (due > expires)
            {
                Drop(Invariant($"group {group.Id} FCnt {fCnt}: due {due:O} after expires_at {expires:O} (EXPIRED)"));
            }
            else
            {
                byte[] data = item.Data.ToByteArray();
                bool fragment = item.FPort == _options.FragmentationPort && data.Length >= DataFragment.HeaderLength && data[0] == DataFragment.Cid;
                int n = fragment && DataFragment.TryRead(data, out DataFragment parsed, out _) ? parsed.N : 0;
                TimeSpan airtime = rate is null ? TimeSpan.Zero : TimeOnAir.ForDownlink(rate, data.Length);
                Network.SendMulticast(new MulticastDownlink(NextId(), group.Index, (byte)item.FPort, data, fCnt, due, expires,
                    fragment ? MulticastPayloadKind.DataFragment : MulticastPayloadKind.StatusPoll, n, airtime));
            }

            Reschedule();
        }

        PublishUplinks(uplinks);
        return fCnt;
    }

    internal void DeleteGroup(EmulatedGroup group)
    {
        lock (Gate)
        {
            Catch();
            _groups.Remove(group.Id);
            Network.DeleteMulticastGroup(new MulticastGroupDeletion(NextId(), group.Index));
            Reschedule();
        }
    }

    /// <summary>The items not yet due (sent items leave the queue when their time comes).</summary>
    internal List<MulticastGroupQueueItem> QueueItems(EmulatedGroup group)
    {
        lock (Gate)
        {
            Catch();
            return [.. group.Queue.Select(q => q.Item)];
        }
    }

    private static int GatewayFactor(EmulatedGroup group) =>
        group.Spec.ClassCSchedulingType == MulticastGroupSchedulingType.GpsTime ? 1 : Math.Max(1, group.Gateways.Count);

    // The first ping slot of the group strictly after `after`.
    private static DateTimeOffset NextPingSlot(EmulatedGroup group, DateTimeOffset after) =>
        NextPingSlot(uint.Parse(group.Spec.McAddr, NumberStyles.HexNumber, CultureInfo.InvariantCulture), (byte)group.Spec.ClassBPingSlotPeriodicity, after);

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
