using System.Diagnostics.Metrics;
using LoRaFuota.Campaigns;
using LoRaFuota.Campaigns.Events;

namespace LoRaFuota.Hosting;

/// <summary>
/// The campaigns' instruments on the <c>LoRaFuota</c> meter: <c>lorafuota.fragments.sent</c>,
/// <c>lorafuota.airtime</c> (s), <c>lorafuota.downlinks.unicast</c>, <c>lorafuota.uplinks.received</c>,
/// <c>lorafuota.actions.failed</c> and <c>lorafuota.devices</c> (up-down, tagged with <c>state</c>), every one tagged
/// with <c>campaign</c>.
/// </summary>
public sealed class FuotaMetrics : IDisposable
{
    /// <summary>The meter name.</summary>
    public const string MeterName = "LoRaFuota";

    private readonly Meter _meter;
    private readonly bool _ownsMeter;      // a factory's meter belongs to the factory
    private readonly Counter<long> _fragments;
    private readonly Counter<double> _airtime;
    private readonly Counter<long> _unicast;
    private readonly Counter<long> _uplinks;
    private readonly Counter<long> _failures;
    private readonly UpDownCounter<long> _devices;

    /// <summary>Initializes a new instance of the <see cref="FuotaMetrics"/> class.</summary>
    /// <param name="meterFactory">The factory the meter comes from, or null for a meter of this instance's own.</param>
    public FuotaMetrics(IMeterFactory? meterFactory = null)
    {
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _fragments = _meter.CreateCounter<long>("lorafuota.fragments.sent", "{fragment}", "DataFragments handed to the network server (multicast and unicast).");
        _airtime = _meter.CreateCounter<double>("lorafuota.airtime", "s", "Multicast downlink air time handed to the network server.");
        _unicast = _meter.CreateCounter<long>("lorafuota.downlinks.unicast", "{downlink}", "Unicast downlinks queued.");
        _uplinks = _meter.CreateCounter<long>("lorafuota.uplinks.received", "{uplink}", "Uplinks of campaign devices given to the campaign.");
        _failures = _meter.CreateCounter<long>("lorafuota.actions.failed", "{action}", "Actions the network server refused.");
        _devices = _meter.CreateUpDownCounter<long>("lorafuota.devices", "{device}", "Devices per OTA state.");
    }

    /// <summary>A runner took the campaign up: its devices count in the states they are in (a resumed campaign's are not all queued).</summary>
    internal void Started(string campaign, IEnumerable<OtaState> states) => AddDevices(campaign, states, 1);

    /// <summary>A runner let an unfinished campaign go (stopped, or its lease lost): the runner that takes it up counts its devices again.</summary>
    internal void Stopped(string campaign, IEnumerable<OtaState> states) => AddDevices(campaign, states, -1);

    internal void Uplink(string campaign) => _uplinks.Add(1, Tag(campaign));

    internal void Failed(string campaign) => _failures.Add(1, Tag(campaign));

    internal void Record(string campaign, CampaignEvent campaignEvent)
    {
        switch (campaignEvent)
        {
            case MulticastSent { Kind: MulticastPayloadKind.DataFragment } sent:
                _fragments.Add(1, Tag(campaign));
                _airtime.Add(sent.Airtime.TotalSeconds, Tag(campaign));
                break;
            case MulticastSent sent:
                _airtime.Add(sent.Airtime.TotalSeconds, Tag(campaign));
                break;
            case UnicastSent unicast:
                _unicast.Add(1, Tag(campaign));
                if (unicast.Command == "DataFragment")
                {
                    _fragments.Add(1, Tag(campaign));
                }

                break;
            case DeviceStateChanged changed:
                _devices.Add(-1, Tag(campaign), new("state", changed.From.ToString()));
                _devices.Add(1, Tag(campaign), new("state", changed.To.ToString()));
                break;
            default:
                break;
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }

    private void AddDevices(string campaign, IEnumerable<OtaState> states, int sign)
    {
        foreach (IGrouping<OtaState, OtaState> state in states.GroupBy(s => s))
        {
            _devices.Add(sign * state.Count(), Tag(campaign), new("state", state.Key.ToString()));
        }
    }

    private static KeyValuePair<string, object?> Tag(string campaign) => new("campaign", campaign);
}
