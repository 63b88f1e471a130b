using LoRaFuota.Campaigns;
using LoRaFuota.Campaigns.Events;
using LoRaFuota.Hosting;
using LoRaFuota.Simulation;
using Microsoft.Extensions.Time.Testing;

namespace LoRaFuota.Emulation.DryRun;

/// <summary>
/// A simulation run through real parts: the campaign runner → the network-server adapter → an MQTT broker → the
/// emulated network server → the virtual devices, and back; it ends in the same <see cref="SimulationResult"/> as the
/// in-memory <see cref="CampaignSimulator"/>. Time is virtual: the clock moves to the next thing that happens only when
/// every message in flight has arrived and the runner has caught up, so a 15-minute uplink interval takes no wall time.
/// </summary>
public sealed class BrokerSimulation : IAsyncDisposable
{
    private static readonly TimeSpan s_quiet = TimeSpan.FromMilliseconds(250);
    private static readonly TimeProvider s_wall = TimeProvider.System; // real time: the run's bound and the quiet spell, never the campaign's clock
    private readonly SimulationOptions _simulation;
    private readonly BrokerSimulationOptions _options;
    private readonly EngineRig _rig;
    private readonly FakeTimeProvider _clock;
    private readonly List<CampaignEvent> _events = [];
    private long _lostUplinks;

    private BrokerSimulation(SimulationOptions simulation, BrokerSimulationOptions options, SimulationSetup setup, EngineRig rig, FakeTimeProvider clock)
    {
        _simulation = simulation;
        _options = options;
        Setup = setup;
        _rig = rig;
        _clock = clock;
        Runner = new FuotaCampaignRunner(setup.Campaign, rig.Transport, clock);
    }

    /// <summary>Gets the campaign, its keys, image and virtual devices.</summary>
    public SimulationSetup Setup { get; }

    /// <summary>Gets the emulated network server (and its record of every frame).</summary>
    public NetworkServerEmulator Emulator => _rig.Emulator;

    /// <summary>Gets the campaign runner.</summary>
    public FuotaCampaignRunner Runner { get; }

    /// <summary>Gets the virtual clock's time.</summary>
    public DateTimeOffset Now => _clock.GetUtcNow();

    /// <summary>Gets how often the engine's MQTT connection was re-established.</summary>
    public long EngineReconnects => _rig.Reconnects;

    /// <summary>Gets the adapter the engine runs on.</summary>
    public IFuotaTransport Transport => _rig.Transport;

    /// <summary>Builds the campaign and the devices, starts the emulator and connects the engine's adapter to the broker.</summary>
    /// <param name="simulation">The campaign and the fleet (as for <see cref="CampaignSimulator"/>; restart and cancel times are not supported here).</param>
    /// <param name="options">The broker and the dialect.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The run, ready to go.</returns>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public static async Task<BrokerSimulation> StartAsync(SimulationOptions simulation, BrokerSimulationOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (simulation.RestartAt is not null || simulation.CancelAt is not null)
        {
            throw new ArgumentException("A run through a network server takes no restart or cancel time.", nameof(simulation));
        }

        Action<FuotaCampaignOptions>? configure = simulation.ConfigureCampaign;
        simulation.ConfigureCampaign = campaign =>
        {
            if (options.Dialect == NetworkServerDialect.ChirpStack)
            {
                campaign.ServerSpacing ??= ChirpStackRig.ServerSpacing; // the server paces class C frames: plan for it
            }

            configure?.Invoke(campaign);
        };
        SimulationSetup setup;
        try
        {
            setup = CampaignSimulator.Prepare(simulation);
        }
        finally
        {
            simulation.ConfigureCampaign = configure;
        }

        var clock = new FakeTimeProvider(simulation.Start);
        EngineRig rig = options.Dialect == NetworkServerDialect.ChirpStack
            ? await ChirpStackRig.StartAsync(setup.Network, simulation.Region, options, clock, cancellationToken).ConfigureAwait(false)
            : await TtsRig.StartAsync(setup.Network, simulation.Region, options, clock, cancellationToken).ConfigureAwait(false);
        return new BrokerSimulation(simulation, options, setup, rig, clock);
    }

    /// <summary>Runs the campaign to its end (or the simulation's longest duration) and reports as the in-memory simulator does.</summary>
    /// <param name="atEachStep">Called whenever the run has caught up, before the clock moves (fault tests drop connections here).</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>The outcome.</returns>
    /// <exception cref="TimeoutException">The run took longer than <see cref="BrokerSimulationOptions.RealTimeLimit"/>.</exception>
    public async Task<SimulationResult> RunAsync(Func<BrokerSimulation, Task>? atEachStep = null, CancellationToken cancellationToken = default)
    {
        DateTimeOffset start = _clock.GetUtcNow();
        DateTimeOffset limit = start + _simulation.MaxDuration;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task consume = Task.Run(() => ConsumeAsync(stop.Token), CancellationToken.None);
        DateTimeOffset deadline = s_wall.GetUtcNow() + _options.RealTimeLimit;
        try
        {
            while (!consume.IsCompleted)
            {
                await CaughtUpAsync(consume, deadline, cancellationToken).ConfigureAwait(false);
                if (atEachStep is not null && !consume.IsCompleted)
                {
                    await atEachStep(this).ConfigureAwait(false);
                    await CaughtUpAsync(consume, deadline, cancellationToken).ConfigureAwait(false);
                }

                DateTimeOffset? next = Earliest(Earliest(Runner.NextWakeUp, Emulator.NextEventTime), _rig.NextDue);
                if (consume.IsCompleted || next is not DateTimeOffset at || at > limit)
                {
                    break;
                }

                _clock.Advance(at > _clock.GetUtcNow() ? at - _clock.GetUtcNow() : TimeSpan.Zero);
            }
        }
        finally
        {
            if (!consume.IsCompleted)
            {
                await stop.CancelAsync().ConfigureAwait(false);
            }

            try
            {
                await consume.ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // stopped at the time limit
            }
        }

        FuotaCampaign campaign = Setup.Campaign;
        lock (_events)
        {
            return new SimulationResult
            {
                Completed = campaign.IsCompleted,
                Cancelled = campaign.IsCancelled,
                StartedAt = campaign.StartedAt ?? start,
                EndedAt = campaign.CompletedAt ?? _clock.GetUtcNow(),
                DeviceResults = CampaignSimulator.ResultsOf(campaign, Setup.Network),
                Events = [.. _events],
                Network = Setup.Network.Log,
                Plan = campaign.Plan,
                ImageSha256 = Setup.Image.Sha256,
            };
        }
    }

    /// <summary>Drops the engine's broker connection as a network fault would; the adapter reconnects on its own.</summary>
    /// <returns>A task that completes when the connection is down.</returns>
    public Task DropEngineConnectionAsync() => _rig.DropEngineConnectionAsync();

    /// <inheritdoc/>
    public async ValueTask DisposeAsync() => await _rig.DisposeAsync().ConfigureAwait(false);

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a < b ? a : b;

    private async Task ConsumeAsync(CancellationToken cancellationToken)
    {
        await foreach (CampaignEvent campaignEvent in Runner.RunAsync(cancellationToken).ConfigureAwait(false))
        {
            _simulation.OnEvent?.Invoke(campaignEvent);
            lock (_events)
            {
                _events.Add(campaignEvent);
            }
        }
    }

    // Caught up: the engine is connected with nothing of its own in flight, the runner has nothing due, every uplink the
    // emulator published has been dealt with and every command the engine published has reached the emulator. Over
    // QoS 0, or across a broker crash, a message can be lost while a connection is down: then nothing moves for a quiet
    // spell, which counts too, and the uplinks missing then are not waited for again.
    private async Task CaughtUpAsync(Task consume, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        (long, long, long, long) last = default;
        DateTimeOffset quietSince = s_wall.GetUtcNow();
        while (!consume.IsCompleted)
        {
            bool ready = _rig.Settled && Runner.IsIdle && !(Runner.NextWakeUp <= _clock.GetUtcNow());
            if (ready && Runner.UplinksDone + _lostUplinks == Emulator.EventsEmitted)
            {
                return;
            }

            (long, long, long, long) counters = (Runner.UplinksDone, Emulator.EventsEmitted, Emulator.CommandsHandled, _rig.Received);
            if (counters != last)
            {
                last = counters;
                quietSince = s_wall.GetUtcNow();
            }
            else if (ready && s_wall.GetUtcNow() - quietSince > s_quiet)
            {
                _lostUplinks = Math.Max(0, Emulator.EventsEmitted - Runner.UplinksDone); // lost for good: do not wait for them again
                return;
            }

            if (s_wall.GetUtcNow() > deadline)
            {
                throw new TimeoutException($"The run through the broker did not catch up within {_options.RealTimeLimit}: runner idle {Runner.IsIdle}, uplinks {Runner.UplinksDone}/{Emulator.EventsEmitted}, engine messages {_rig.Published} published, {Emulator.CommandsHandled} handled.");
            }

            await Task.Delay(1, cancellationToken).ConfigureAwait(false);
        }
    }
}
