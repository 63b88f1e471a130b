using System.Globalization;
using LoRaFuota.Campaigns;
using LoRaFuota.Fragmentation;
using LoRaFuota.Regions;
using LoRaFuota.Simulation.Devices;

namespace LoRaFuota.Simulation.Network;

/// <summary>
/// A network server and its devices in virtual time. Unicast downlinks wait in a per-device queue and go out in the
/// receive window after the device's next uplink (with FPending when more wait); multicast downlinks go out at their
/// time to the devices that listen for the group then (their session window, class B ping slot, data rate, frequency,
/// key and frame counter), each through its own lossy channel. Everything transmitted is in <see cref="Log"/>.
/// </summary>
/// <remarks>Nothing here reads a clock: <see cref="RunUntil"/> moves time, the caller decides how far.</remarks>
public sealed class SimulatedNetwork : IDeviceRadio
{
    private static readonly TimeSpan s_receiveDelay = TimeSpan.FromSeconds(1); // RX1

    private readonly DataRate _unicastRate;
    private readonly VirtualDevice[] _devices;
    private readonly Dictionary<DevEui, int> _index;
    private readonly Queue<UnicastDownlink>[] _queues;
    private readonly DateTimeOffset?[] _wakeAt;
    private readonly PriorityQueue<SimulationEvent, (long Ticks, long Sequence)> _events = new();
    private readonly Dictionary<int, GroupState> _groups = [];
    private List<DeviceUplink>? _received;   // the caller's list while RunUntil runs
    private long _sequence;

    /// <summary>Initializes a new instance of the <see cref="SimulatedNetwork"/> class.</summary>
    /// <param name="region">The region.</param>
    /// <param name="dataRate">The data rate unicast downlinks go at (for their air time).</param>
    /// <param name="devices">The devices.</param>
    /// <exception cref="ArgumentException">The data rate is not a downlink data rate of the region, or two devices share a DevEUI.</exception>
    public SimulatedNetwork(RegionalParameters region, int dataRate, IReadOnlyList<VirtualDevice> devices)
    {
        ArgumentNullException.ThrowIfNull(region);
        ArgumentNullException.ThrowIfNull(devices);
        if (!region.TryGetDownlinkDataRate(dataRate, dwellTime: false, out DataRate? rate))
        {
            throw new ArgumentException($"DR{dataRate} is not a downlink data rate in {region}.", nameof(dataRate));
        }

        _unicastRate = rate!;
        _devices = [.. devices];
        _index = new Dictionary<DevEui, int>(_devices.Length);
        for (int i = 0; i < _devices.Length; i++)
        {
            if (!_index.TryAdd(_devices[i].DevEui, i))
            {
                throw new ArgumentException($"Device {_devices[i].DevEui} is listed twice.", nameof(devices));
            }
        }

        _queues = new Queue<UnicastDownlink>[_devices.Length];
        for (int i = 0; i < _queues.Length; i++)
        {
            _queues[i] = new Queue<UnicastDownlink>();
        }

        _wakeAt = new DateTimeOffset?[_devices.Length];
    }

    /// <summary>Gets the devices.</summary>
    public IReadOnlyList<VirtualDevice> Devices => _devices;

    /// <summary>Gets the record of what the server did.</summary>
    public NetworkLog Log { get; } = new();

    /// <summary>Gets the virtual time reached.</summary>
    public DateTimeOffset Now { get; private set; }

    /// <summary>Gets the time of the next thing that happens, or null.</summary>
    public DateTimeOffset? NextEventTime => _events.TryPeek(out _, out var key) ? new DateTimeOffset(key.Ticks, TimeSpan.Zero) : null;

    /// <summary>Switches every device on.</summary>
    /// <param name="now">The start of the simulation.</param>
    public void Start(DateTimeOffset now)
    {
        Now = now;
        for (int i = 0; i < _devices.Length; i++)
        {
            _devices[i].Boot(now, this);
            ScheduleWake(i);
        }
    }

    /// <summary>Runs everything due up to <paramref name="time"/>, in time order; the uplinks the server received are added to <paramref name="uplinks"/>.</summary>
    /// <param name="time">How far to run.</param>
    /// <param name="uplinks">Receives the uplinks, in time order.</param>
    public void RunUntil(DateTimeOffset time, List<DeviceUplink> uplinks)
    {
        _received = uplinks;
        while (_events.TryPeek(out SimulationEvent next, out var key) && key.Ticks <= time.UtcTicks)
        {
            _events.Dequeue();
            Now = new DateTimeOffset(key.Ticks, TimeSpan.Zero);
            switch (next.Kind)
            {
                case SimulationEventKind.Wake when _wakeAt[next.Device] == Now:
                    _wakeAt[next.Device] = null;
                    _devices[next.Device].Wake(Now);
                    ScheduleWake(next.Device);
                    break;
                case SimulationEventKind.Deliver:
                    Deliver(next.Device);
                    break;
                case SimulationEventKind.Multicast:
                    Broadcast(next.Downlink!);
                    break;
                default:
                    break; // a superseded wake-up
            }
        }

        if (time > Now)
        {
            Now = time;
        }

        _received = null;
    }

    /// <summary>Carries out a campaign action, as a network server would.</summary>
    /// <param name="action">The action.</param>
    public void Execute(CampaignAction action)
    {
        switch (action)
        {
            case UnicastDownlink unicast:
                SendUnicast(unicast);
                break;
            case MulticastGroupCreation creation:
                CreateMulticastGroup(creation);
                break;
            case MulticastDownlink multicast:
                SendMulticast(multicast);
                break;
            case MulticastGroupDeletion deletion:
                DeleteMulticastGroup(deletion);
                break;
            default:
                throw new ArgumentException($"Unknown action {action?.GetType().Name}.", nameof(action));
        }
    }

    /// <summary>Queues a unicast downlink for the device's next receive window.</summary>
    /// <param name="downlink">The downlink.</param>
    public void SendUnicast(UnicastDownlink downlink)
    {
        ArgumentNullException.ThrowIfNull(downlink);
        if (!_index.TryGetValue(downlink.DevEui, out int device))
        {
            Log.Violation($"{Now:O}: unicast for unknown device {downlink.DevEui}");
            return;
        }

        _queues[device].Enqueue(downlink);
    }

    /// <summary>Creates a multicast group.</summary>
    /// <param name="creation">The group.</param>
    public void CreateMulticastGroup(MulticastGroupCreation creation)
    {
        ArgumentNullException.ThrowIfNull(creation);
        if (_groups.TryGetValue(creation.Group, out GroupState? existing) && !existing.Deleted)
        {
            Log.Violation($"{Now:O}: group {creation.Group} created twice");
        }

        _groups[creation.Group] = new GroupState(creation);
        Log.Add(new GroupRecord(creation.Group, creation.McAddr, Now, creation.SessionStart, creation.SessionEnd, null));
    }

    /// <summary>Queues a multicast downlink for its time.</summary>
    /// <param name="downlink">The downlink.</param>
    public void SendMulticast(MulticastDownlink downlink)
    {
        ArgumentNullException.ThrowIfNull(downlink);
        if (!_groups.TryGetValue(downlink.Group, out GroupState? group) || group.Deleted)
        {
            Log.Violation(Invariant($"{Now:O}: downlink FCnt {downlink.FCnt} for group {downlink.Group}, which does not exist"));
            return;
        }

        if (!group.UsedFCnts.Add(downlink.FCnt))
        {
            Log.Violation(Invariant($"{Now:O}: group {downlink.Group} FCnt {downlink.FCnt} used twice"));
        }

        if (downlink.NotBefore < Now)
        {
            Log.Violation(Invariant($"{Now:O}: group {downlink.Group} FCnt {downlink.FCnt} queued after its time {downlink.NotBefore:O}"));
        }

        Push(downlink.NotBefore < Now ? Now : downlink.NotBefore, new SimulationEvent(SimulationEventKind.Multicast, -1, downlink));
    }

    /// <summary>Deletes a multicast group; anything still queued for it is dropped.</summary>
    /// <param name="deletion">The group.</param>
    public void DeleteMulticastGroup(MulticastGroupDeletion deletion)
    {
        ArgumentNullException.ThrowIfNull(deletion);
        if (_groups.TryGetValue(deletion.Group, out GroupState? group) && !group.Deleted)
        {
            group.Deleted = true;
            Log.Deleted(deletion.Group, Now);
        }
    }

    void IDeviceRadio.Transmit(VirtualDevice device, DateTimeOffset now, byte port, ReadOnlyMemory<byte> payload)
    {
        int index = _index[device.DevEui];
        if (device.LoseFrame())
        {
            Log.UplinksLost++;
            return;
        }

        Log.UplinksReceived++;
        if (port != 0)
        {
            _received?.Add(new DeviceUplink(device.DevEui, port, payload, now));
        }

        if (_queues[index].Count > 0)
        {
            Push(now + s_receiveDelay, new SimulationEvent(SimulationEventKind.Deliver, index, null)); // the head of its queue, in RX1
        }
    }

    private void Deliver(int device)
    {
        if (!_queues[device].TryDequeue(out UnicastDownlink? downlink))
        {
            return;
        }

        Log.UnicastDownlinks++;
        Log.UnicastAirtime += TimeOnAir.ForDownlink(_unicastRate, downlink.Payload.Length);
        if (!downlink.Payload.IsEmpty && downlink.Payload.Span[0] == DataFragment.Cid && downlink.Command.StartsWith("DataFragment", StringComparison.Ordinal))
        {
            Log.UnicastFragments++;
        }

        VirtualDevice target = _devices[device];
        if (!target.Options.Offline && !target.LoseFrame())
        {
            target.OnDownlink(Now, downlink.FPort, downlink.Payload.Span, framePending: _queues[device].Count > 0);
            ScheduleWake(device);
        }
    }

    private void Broadcast(MulticastDownlink downlink)
    {
        if (!_groups.TryGetValue(downlink.Group, out GroupState? group) || group.Deleted)
        {
            Log.Violation(Invariant($"{Now:O}: group {downlink.Group} FCnt {downlink.FCnt} dropped: the group was deleted before its time"));
            return;
        }

        if (Now > downlink.ExpiresAt)
        {
            Log.Violation(Invariant($"{Now:O}: group {downlink.Group} FCnt {downlink.FCnt} dropped: expired at {downlink.ExpiresAt:O}"));
            return;
        }

        MulticastGroupCreation spec = group.Spec;
        var frame = new MulticastFrame(spec.McAddr, spec.McAppSKey, spec.Class, spec.DataRate, spec.FrequencyHz, spec.Periodicity, downlink.FCnt, downlink.FPort, downlink.Payload);
        int receivers = 0;
        for (int i = 0; i < _devices.Length; i++)
        {
            if (_devices[i].OnMulticast(Now, frame))
            {
                receivers++;
                ScheduleWake(i);
            }
        }

        Log.Add(new MulticastTransmission(downlink.Group, spec.McAddr, downlink.FCnt, Now, downlink.Kind, downlink.FragmentNumber, downlink.Airtime, receivers));
    }

    private void ScheduleWake(int device)
    {
        DateTimeOffset? next = _devices[device].NextWake;
        if (next == _wakeAt[device])
        {
            return;
        }

        _wakeAt[device] = next;
        if (next is DateTimeOffset at)
        {
            Push(at, new SimulationEvent(SimulationEventKind.Wake, device, null));
        }
    }

    private void Push(DateTimeOffset at, SimulationEvent simulationEvent) => _events.Enqueue(simulationEvent, (at.UtcTicks, _sequence++));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private enum SimulationEventKind
    {
        Wake,
        Deliver,
        Multicast,
    }

    private readonly record struct SimulationEvent(SimulationEventKind Kind, int Device, MulticastDownlink? Downlink);

    private sealed class GroupState(MulticastGroupCreation spec)
    {
        public MulticastGroupCreation Spec { get; } = spec;

        public bool Deleted { get; set; }

        public HashSet<uint> UsedFCnts { get; } = [];
    }
}
