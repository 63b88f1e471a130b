using LoRaFuota.Campaigns.Events;
using LoRaFuota.Campaigns.State;
using LoRaFuota.Fragmentation.Coding;
using LoRaFuota.Planning;

namespace LoRaFuota.Campaigns;

/// <summary>
/// The campaign orchestrator: a pure state machine that drives every device through version negotiation, clock sync,
/// multicast and fragmentation setup, the session, status, repair, teardown and the verified install.
/// </summary>
/// <remarks>
/// <para>
/// It does no I/O and reads no clock. The caller gives it the time (<see cref="Advance"/>), the uplinks
/// (<see cref="HandleUplink"/>), what became of its actions (<see cref="HandleOutcome"/>) and a cancel; each call
/// returns a <see cref="CampaignStep"/>: the actions to carry out, the events, and when to call again. The
/// <c>LoRaFuota.Hosting</c> runner does that on a <see cref="TimeProvider"/>; the simulator does it in virtual time.
/// </para>
/// <para>
/// Its whole state can be saved at any moment (<see cref="SaveSnapshot"/>) and restored (<see cref="Restore"/>); a
/// restored campaign given the same inputs makes the same decisions. Not thread-safe: one caller at a time.
/// </para>
/// </remarks>
public sealed partial class FuotaCampaign
{
    private readonly CampaignState _state;
    private readonly FirmwareImage _image;
    private readonly IDeviceKeyProvider _keys;
    private readonly IFirmwareVersionProtocol _versionProtocol;
    private readonly Dictionary<DevEui, DeviceState> _byEui;
    private readonly TimerQueue _timers;
    private readonly Dictionary<ParityVariant, FragmentEncoder> _encoders = [];
    private readonly int[] _stageCounts = new int[(int)DeviceStage.Done + 1]; // devices per stage, derived from the state
    private TimeSpan? _slowestTimeout;                                        // derived: the devices' timeouts never change
    private List<CampaignAction> _actions = [];
    private List<CampaignEvent> _events = [];

    private FuotaCampaign(CampaignState state, FirmwareImage image, IDeviceKeyProvider keys, IFirmwareVersionProtocol versionProtocol, CampaignPlan plan)
    {
        _state = state;
        _image = image;
        _keys = keys;
        _versionProtocol = versionProtocol;
        Plan = plan;
        _byEui = new Dictionary<DevEui, DeviceState>(state.Devices.Count);
        _timers = new TimerQueue(state.Devices.Count);
        foreach (DeviceState device in state.Devices)
        {
            _byEui.Add(device.DevEui, device);
            _stageCounts[(int)device.Stage]++;
            Reschedule(device);
        }
    }

    /// <summary>Gets the campaign's name.</summary>
    public string Name => Settings.Name;

    /// <summary>Gets the plan the campaign runs: fragmentation, spacing or ping slots, timeout, success odds.</summary>
    public CampaignPlan Plan { get; }

    /// <summary>Gets the image's version as devices report it.</summary>
    public string TargetVersion => Settings.TargetVersion;

    /// <summary>Gets a value indicating whether every device is final and everything is torn down.</summary>
    public bool IsCompleted => _state.Completed;

    /// <summary>Gets a value indicating whether the campaign was cancelled.</summary>
    public bool IsCancelled => _state.Cancelled;

    /// <summary>Gets when the campaign started, or null before the first <see cref="Advance"/>.</summary>
    public DateTimeOffset? StartedAt => _state.StartedAt;

    /// <summary>Gets when the campaign completed, or null.</summary>
    public DateTimeOffset? CompletedAt => _state.CompletedAt;

    /// <summary>Gets the number of devices.</summary>
    public int DeviceCount => _state.Devices.Count;

    private CampaignSettings Settings => _state.Settings;

    private DateTimeOffset Now => _state.Now;

    /// <summary>Gets a value indicating whether a device belongs to the campaign.</summary>
    /// <param name="devEui">The device.</param>
    /// <returns><see langword="true"/> if it does; otherwise, <see langword="false"/>.</returns>
    public bool HasDevice(DevEui devEui) => _byEui.ContainsKey(devEui);

    /// <summary>Gives the campaign the time: starts it on the first call, then runs whatever is due.</summary>
    /// <param name="now">The current time; a time before the last one given is taken as the last one.</param>
    /// <returns>What to do now and when to call again.</returns>
    public CampaignStep Advance(DateTimeOffset now)
    {
        Begin(now);
        if (!_state.Started)
        {
            StartCampaign();
        }

        RunDue();
        return Finish();
    }

    /// <summary>Gives the campaign an uplink. Bad payloads become <see cref="UplinkRejected"/> events, never exceptions.</summary>
    /// <param name="uplink">The uplink.</param>
    /// <param name="now">The current time.</param>
    /// <returns>What to do now and when to call again.</returns>
    public CampaignStep HandleUplink(DeviceUplink uplink, DateTimeOffset now)
    {
        Begin(now);
        if (_state.Started && !_state.Completed)
        {
            DispatchUplink(uplink);
            RunDue();
        }

        return Finish();
    }

    /// <summary>Tells the campaign what became of one of its actions.</summary>
    /// <param name="outcome">The outcome.</param>
    /// <param name="now">The current time.</param>
    /// <returns>What to do now and when to call again.</returns>
    public CampaignStep HandleOutcome(ActionOutcome outcome, DateTimeOffset now)
    {
        Begin(now);
        if (!outcome.Succeeded && !_state.Completed)
        {
            _events.Add(new ActionFailed(Now, outcome.ActionId, outcome.Error ?? "refused"));
            OnActionFailed(outcome.ActionId);
            RunDue();
        }

        return Finish();
    }

    /// <summary>
    /// Cancels the campaign: no more fragments, the network server's groups are deleted, the devices are told to drop
    /// their group and session, and every device not yet updated ends Failed (cancelled).
    /// </summary>
    /// <param name="now">The current time.</param>
    /// <returns>The teardown actions.</returns>
    public CampaignStep Cancel(DateTimeOffset now)
    {
        Begin(now);
        if (!_state.Completed && !_state.Cancelled)
        {
            _state.Started = true;
            _state.StartedAt ??= Now;
            CancelCampaign();
            RunDue();
        }

        return Finish();
    }

    /// <summary>Gets every device's status, in the order the devices were given.</summary>
    /// <returns>The statuses.</returns>
    public IReadOnlyList<DeviceStatus> GetDevices()
    {
        var result = new DeviceStatus[_state.Devices.Count];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = ToStatus(_state.Devices[i]);
        }

        return result;
    }

    /// <summary>Gets one device's status.</summary>
    /// <param name="devEui">The device.</param>
    /// <returns>Its status.</returns>
    /// <exception cref="ArgumentException">The device is not in the campaign.</exception>
    public DeviceStatus GetDevice(DevEui devEui) =>
        _byEui.TryGetValue(devEui, out DeviceState? device)
            ? ToStatus(device)
            : throw new ArgumentException($"Device {devEui} is not in campaign \"{Name}\".", nameof(devEui));

    private void Begin(DateTimeOffset now)
    {
        if (now > _state.Now)
        {
            _state.Now = now;
        }
    }

    private CampaignStep Finish()
    {
        CheckCompletion();
        var step = new CampaignStep(_actions, _events, _state.Completed ? null : NextWakeUp(), _state.Completed);
        _actions = [];
        _events = [];
        return step;
    }

    private void StartCampaign()
    {
        _state.Started = true;
        _state.StartedAt = Now;
        StartPacedDevices();
    }

    // Deadlines and group work feed each other (the last device ready lets the sessions be scheduled): repeat until a
    // pass adds nothing.
    private void RunDue()
    {
        const int MaxPasses = 64;
        for (int pass = 0; pass < MaxPasses; pass++)
        {
            int before = _actions.Count + _events.Count;
            StartPacedDevices();
            while (_timers.TryTakeDue(Now, out int index))
            {
                OnDeadline(_state.Devices[index]);
            }

            RunCohorts();
            if (_actions.Count + _events.Count == before)
            {
                return;
            }
        }
    }

    private DateTimeOffset? NextWakeUp()
    {
        DateTimeOffset? next = _timers.Peek();
        foreach (CohortState cohort in _state.Cohorts)
        {
            next = Earliest(next, CohortWakeUp(cohort));
        }

        return Earliest(Earliest(next, SchedulingWakeUp()), PacingWakeUp());
    }

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : (a < b ? a : b);

    private FragmentEncoder Encoder(ParityVariant variant)
    {
        if (!_encoders.TryGetValue(variant, out FragmentEncoder? encoder))
        {
            encoder = new FragmentEncoder(_image.Content.Span, Settings.FragSize, variant);
            _encoders.Add(variant, encoder);
        }

        return encoder;
    }

    private long NextActionId() => _state.NextActionId++;
}
