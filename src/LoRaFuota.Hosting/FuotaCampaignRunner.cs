using System.Runtime.CompilerServices;
using System.Threading.Channels;
using LoRaFuota.Campaigns;
using LoRaFuota.Campaigns.Events;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LoRaFuota.Hosting;

/// <summary>
/// Runs one <see cref="FuotaCampaign"/> against a network server: it gives the campaign the time from a
/// <see cref="TimeProvider"/> and the uplinks from the <see cref="IFuotaTransport"/>, carries the campaign's actions out
/// through the transport (in order, each within <see cref="FuotaRunnerOptions.TransportTimeout"/>), reports refusals
/// back, and yields the campaign's events as they happen.
/// </summary>
/// <remarks>One runner runs one campaign once. <see cref="Cancel"/> and <see cref="SaveSnapshot"/> may be called from any thread.</remarks>
public sealed partial class FuotaCampaignRunner
{
    private readonly FuotaCampaign _campaign;
    private readonly IFuotaTransport _transport;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly FuotaMetrics? _metrics;
    private readonly FuotaRunnerOptions _options;
    private readonly Channel<DeviceUplink> _uplinks;
    private readonly Lock _lock = new();   // the campaign is not thread-safe: every call into it holds this
    private int _cancelRequested;          // 1 once Cancel was called
    private int _started;                  // 1 once RunAsync began
    private long _uplinksDone;             // uplinks taken from the transport and dealt with (handled or not the campaign's)

    /// <summary>Initializes a new instance of the <see cref="FuotaCampaignRunner"/> class.</summary>
    /// <param name="campaign">The campaign (new, or restored from a snapshot).</param>
    /// <param name="transport">The network server.</param>
    /// <param name="timeProvider">The clock, or null for the system clock.</param>
    /// <param name="logger">The logger, or null for none.</param>
    /// <param name="metrics">The instruments, or null for none.</param>
    /// <param name="options">The options, or null for the defaults.</param>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public FuotaCampaignRunner(
        FuotaCampaign campaign,
        IFuotaTransport transport,
        TimeProvider? timeProvider = null,
        ILogger<FuotaCampaignRunner>? logger = null,
        FuotaMetrics? metrics = null,
        FuotaRunnerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(transport);
        options ??= new FuotaRunnerOptions();
        var validation = new FuotaRunnerOptionsValidator().Validate(null, options);
        if (validation.Failed)
        {
            throw new ArgumentException("Invalid runner options: " + validation.FailureMessage, nameof(options));
        }

        RequireServerPacing(campaign, transport.Capabilities);
        _campaign = campaign;
        _transport = transport;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _metrics = metrics;
        _options = options;
        _uplinks = Channel.CreateBounded<DeviceUplink>(new BoundedChannelOptions(options.UplinkBufferCapacity) { SingleReader = true, SingleWriter = true });
    }

    /// <summary>Gets the campaign.</summary>
    public FuotaCampaign Campaign => _campaign;

    /// <summary>Gets when the campaign next wants to run, or null.</summary>
    public DateTimeOffset? NextWakeUp { get; private set; }

    /// <summary>Gets a value indicating whether the runner waits for time or an uplink with nothing else to do (drivers of a virtual clock step it only then).</summary>
    public bool IsIdle { get; private set; }

    /// <summary>Gets how many uplinks were taken from the transport and dealt with.</summary>
    public long UplinksDone => Interlocked.Read(ref _uplinksDone);

    /// <summary>
    /// Gets or sets what to do after the campaign has decided a step and before the step's actions go to the transport:
    /// save the campaign here (<see cref="SaveSnapshot"/>) and every action becomes at-most-once across a crash — a
    /// campaign restored from that snapshot knows the actions were (or may have been) sent and never sends them again
    /// with the same counters; one lost in the crash is retried by the campaign's own time-outs. An exception thrown
    /// here stops the run before the actions go out. The step is given, so a host can save only the steps that matter
    /// (those with actions must be saved; one with none sends nothing, and a later save carries its changes).
    /// </summary>
    public Func<CampaignStep, CancellationToken, ValueTask>? StepDecided { get; set; }

    /// <summary>Asks the campaign to cancel: it tears its groups and sessions down and fails every device not yet updated.</summary>
    public void Cancel()
    {
        if (Interlocked.Exchange(ref _cancelRequested, 1) == 0)
        {
            _logger.CancelRequested(_campaign.Name);
            _uplinks.Writer.TryWrite(default); // wake the loop
        }
    }

    /// <summary>Saves the campaign's state (see <see cref="FuotaCampaign.SaveSnapshot"/>) between two of its steps.</summary>
    /// <returns>The snapshot JSON.</returns>
    public string SaveSnapshot()
    {
        lock (_lock)
        {
            return _campaign.SaveSnapshot();
        }
    }

    /// <summary>
    /// Reads the campaign between two of its steps (never during one), from any thread: for example its snapshot and its
    /// devices' statuses at one moment. The campaign must only be read.
    /// </summary>
    /// <typeparam name="T">What is read.</typeparam>
    /// <param name="read">Reads it.</param>
    /// <returns>What <paramref name="read"/> returned.</returns>
    public T Inspect<T>(Func<FuotaCampaign, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        lock (_lock)
        {
            return read(_campaign);
        }
    }

    /// <summary>Runs the campaign to its end, yielding its events as they happen.</summary>
    /// <param name="cancellationToken">Stops the runner (not the campaign: use <see cref="Cancel"/> for that); the state stays as it is, ready for a snapshot.</param>
    /// <returns>The events.</returns>
    /// <exception cref="InvalidOperationException">The runner was already started.</exception>
    public async IAsyncEnumerable<CampaignEvent> RunAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _started, 1) == 1)
        {
            throw new InvalidOperationException("A runner runs its campaign once; create another runner (from a snapshot) to run again.");
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task pump = PumpUplinksAsync(stop.Token);
        try
        {
            _logger.CampaignStarted(_campaign.Name, _campaign.DeviceCount, _campaign.TargetVersion);
            _metrics?.Started(_campaign.Name, DeviceStates());
            var pending = new Queue<CampaignEvent>();
            await StepAsync(c => c.Advance(_time.GetUtcNow()), pending, stop.Token).ConfigureAwait(false);
            while (true)
            {
                while (pending.TryDequeue(out CampaignEvent? campaignEvent))
                {
                    yield return campaignEvent;
                }

                if (_campaign.IsCompleted)
                {
                    yield break;
                }

                await WaitAndStepAsync(pending, stop.Token).ConfigureAwait(false);
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await pump.ConfigureAwait(false);
            if (!_campaign.IsCompleted)
            {
                _metrics?.Stopped(_campaign.Name, DeviceStates());
            }
        }
    }

    private OtaState[] DeviceStates()
    {
        lock (_lock)
        {
            return [.. _campaign.GetDevices().Select(d => d.State)];
        }
    }

    private async Task WaitAndStepAsync(Queue<CampaignEvent> pending, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _cancelRequested) == 1 && !_campaign.IsCancelled)
        {
            await StepAsync(c => c.Cancel(_time.GetUtcNow()), pending, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (_uplinks.Reader.TryRead(out DeviceUplink uplink))
        {
            if (uplink.DevEui != default || uplink.FPort != 0)
            {
                _metrics?.Uplink(_campaign.Name);
                await StepAsync(c => c.HandleUplink(uplink, _time.GetUtcNow()), pending, cancellationToken).ConfigureAwait(false);
                Interlocked.Increment(ref _uplinksDone);
            }

            return;
        }

        DateTimeOffset now = _time.GetUtcNow();
        if (NextWakeUp <= now)
        {
            await StepAsync(c => c.Advance(_time.GetUtcNow()), pending, cancellationToken).ConfigureAwait(false);
            return;
        }

        IsIdle = true;
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task timer = NextWakeUp is DateTimeOffset wake ? Task.Delay(wake - now, _time, wait.Token) : Task.Delay(Timeout.InfiniteTimeSpan, _time, wait.Token);
        Task<bool> input = _uplinks.Reader.WaitToReadAsync(wait.Token).AsTask();
        await Task.WhenAny(timer, input).ConfigureAwait(false);
        IsIdle = false;
        await wait.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
    }

    private async Task PumpUplinksAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (DeviceUplink uplink in _transport.ReadUplinksAsync(cancellationToken).ConfigureAwait(false))
            {
                if (_campaign.HasDevice(uplink.DevEui))
                {
                    await _uplinks.Writer.WriteAsync(uplink, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    Interlocked.Increment(ref _uplinksDone); // another campaign's or no campaign's device
                }
            }

            _logger.UplinkStreamEnded(_campaign.Name, null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _logger.UplinkStreamEnded(_campaign.Name, ex);
        }
    }

    // A server that paces multicast frames itself would stretch a session planned tighter past its window: fragments
    // queued for the end of the session would be sent after the devices stopped listening.
    private static void RequireServerPacing(FuotaCampaign campaign, NetworkServerCapabilities capabilities)
    {
        if (capabilities.MinimumMulticastSpacing is TimeSpan minimum && campaign.Plan.Class == Planning.MulticastClass.ClassC
            && campaign.Plan.Spacing < minimum)
        {
            throw new ArgumentException(
                $"The network server spaces multicast frames at least {minimum.TotalSeconds:0.###} s apart but the campaign plans {campaign.Plan.Spacing.TotalSeconds:0.###} s; "
                + $"create it with ServerSpacing = {minimum.TotalSeconds:0.###} s so its session window and TimeOut follow the server.",
                nameof(campaign));
        }
    }
}
