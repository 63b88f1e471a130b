using LoRaFuota.Campaigns.State;

namespace LoRaFuota.Campaigns;

/// <content>
/// Pacing: with <see cref="FuotaCampaignOptions.DevicesPerMinute"/> set, the devices are contacted in the order given,
/// that many in each minute from the start (as ThingsBoard notifies a fleet), so a large fleet's setup traffic does not
/// flood the network server. A device not yet contacted stays queued; the sessions wait for the last one.
/// </content>
public sealed partial class FuotaCampaign
{
    /// <summary>Gets how long after the start the last device is contacted (zero without pacing).</summary>
    private TimeSpan PacingSpan() =>
        Settings.DevicesPerMinute is int perMinute && _state.Devices.Count > 0
            ? TimeSpan.FromMinutes((_state.Devices.Count - 1) / perMinute)
            : TimeSpan.Zero;

    private DateTimeOffset PacedStart(int index) =>
        _state.StartedAt!.Value + (Settings.DevicesPerMinute is int perMinute ? TimeSpan.FromMinutes(index / perMinute) : TimeSpan.Zero);

    private void StartPacedDevices()
    {
        if (!_state.Started || _state.Cancelled || _state.StartedAt is null)
        {
            return;
        }

        while (_state.NextToStart < _state.Devices.Count && PacedStart(_state.NextToStart) <= Now)
        {
            DeviceState device = _state.Devices[_state.NextToStart++];
            if (device.Stage == DeviceStage.Queued)
            {
                StartDevice(device);
            }
        }
    }

    private DateTimeOffset? PacingWakeUp() =>
        _state.Started && !_state.Cancelled && _state.StartedAt is not null && _state.NextToStart < _state.Devices.Count
            ? PacedStart(_state.NextToStart)
            : null;
}
