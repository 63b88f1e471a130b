using LoRaFuota.Campaigns;
using LoRaFuota.Campaigns.Events;
using LoRaFuota.Hosting;
using LoRaFuota.Service.Durability;
using LoRaFuota.Service.Routing;
using LoRaFuota.Storage;
using LoRaFuota.Storage.Model;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LoRaFuota.Service;

/// <summary>
/// Runs the store's campaigns, up to <see cref="CampaignWorkerOptions.MaxConcurrentCampaigns"/> at once: claim one under a lease, restore it from its last saved
/// snapshot, run it against the network server, save every step in one fenced write, renew the lease while working and
/// act on a cancel request. When the lease is lost (another instance took over) the worker stops that campaign without
/// writing anything more. Stopping the worker releases the lease, so another instance can go on at once. The campaigns
/// share the network-server connection: each gets the uplinks of its own devices only, and uplinks of devices this
/// worker runs no campaign for are kept a short while for the campaign that is claimed next.
/// </summary>
public sealed partial class CampaignWorker : BackgroundService
{
    private readonly IFuotaStore _store;
    private readonly TransportHub _hub;
    private readonly IDeviceKeyProvider _keys;
    private readonly CampaignWorkerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly FuotaMetrics? _metrics;

    /// <summary>Initializes a new instance of the <see cref="CampaignWorker"/> class.</summary>
    /// <param name="store">The store.</param>
    /// <param name="transport">The network server.</param>
    /// <param name="keys">The devices' root keys.</param>
    /// <param name="options">The lease settings.</param>
    /// <param name="time">The clock; the system clock when null.</param>
    /// <param name="logger">The logger, or null.</param>
    /// <param name="metrics">The instruments the campaigns' runners record on (System.Diagnostics.Metrics, meter <c>LoRaFuota</c>), or null.</param>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public CampaignWorker(IFuotaStore store, IFuotaTransport transport, IDeviceKeyProvider keys, CampaignWorkerOptions options, TimeProvider? time = null, ILogger<CampaignWorker>? logger = null, FuotaMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _store = store;
        _hub = new TransportHub(transport, time ?? TimeProvider.System, options.UplinkRetention ?? options.LeaseDuration * 2);
        _keys = keys;
        _options = options;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _metrics = metrics;
    }

    private int _fragmentsSkipped;
    private int _campaignsEnded;

    /// <summary>Gets the fragments this worker did not send because the store had them recorded as sent already.</summary>
    public int FragmentsSkipped => Volatile.Read(ref _fragmentsSkipped);

    /// <summary>Gets the campaigns this worker ran to their end.</summary>
    public int CampaignsEnded => Volatile.Read(ref _campaignsEnded);

    /// <inheritdoc/>
    public override void Dispose()
    {
        _hub.Dispose();
        base.Dispose();
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var running = new List<Task>();
        try
        {
            await ClaimAndRunAsync(running, stoppingToken).ConfigureAwait(false);
        }
        finally
        {
            await Task.WhenAll(running).ConfigureAwait(false); // each releases its lease as it stops
        }
    }

    private async Task ClaimAndRunAsync(List<Task> running, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            running.RemoveAll(t => t.IsCompleted);
            if (running.Count >= _options.MaxConcurrentCampaigns)
            {
                await Task.WhenAny(running).ConfigureAwait(false); // a campaign ends or lets go: a place frees
                continue;
            }

            CampaignLease? lease;
            try
            {
                lease = await _store.TryClaimAsync(_options.Owner, _options.LeaseDuration, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException && ex is not OutOfMemoryException)
            {
                Log.StoreUnavailable(_logger, ex);
                lease = null;
            }

            if (lease is null)
            {
                await DelayAsync(_options.PollInterval, stoppingToken).ConfigureAwait(false);
                continue;
            }

            running.Add(Task.Run(() => RunClaimedAsync(lease, stoppingToken), CancellationToken.None));
        }
    }

    private async Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task RunClaimedAsync(CampaignLease claimed, CancellationToken stoppingToken)
    {
        var holder = new LeaseHolder(claimed);
        using var lost = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        bool ended = false;
        try
        {
            (FuotaCampaign campaign, ProgressTracker tracker) = await RestoreAsync(claimed.CampaignId, stoppingToken).ConfigureAwait(false);
            using CampaignTransport view = _hub.Open(campaign.GetDevices().Select(d => d.DevEui));
            foreach ((int group, string state) in await _store.GetGroupStatesAsync(claimed.CampaignId, stoppingToken).ConfigureAwait(false))
            {
                view.RestoreGroupState(group, state); // the groups the campaign created before it was resumed here
            }

            // Fragments the last holder decided to send but never handed over go out now, while the session lasts.
            IReadOnlyList<FragmentDelivery> delivered = await _store.GetFragmentsAsync(claimed.CampaignId, stoppingToken).ConfigureAwait(false);
            int again = campaign.ResumeDelivery(delivered.Select(d => (d.Group, d.Index)));
            if (again > 0)
            {
                Log.FragmentsResent(_logger, claimed.CampaignId, again);
            }

            var transport = new RecordingTransport(view, _store, () => holder.Lease, _time);
            var runner = new FuotaCampaignRunner(campaign, transport, _time, metrics: _metrics, options: _options.Runner);
            using var saver = new StepSaver(_store, runner, tracker, () => holder.Lease, _options.SaveInterval);
            runner.StepDecided = saver.OnStepAsync; // write-ahead: a step with actions is saved before they go out
            Log.CampaignClaimed(_logger, campaign.Name, claimed.CampaignId, _options.Owner);
            Task keeper = KeepLeaseAsync(holder, runner, saver, lost, lost.Token);
            try
            {
                await foreach (CampaignEvent _ in runner.RunAsync(lost.Token).ConfigureAwait(false))
                {
                    // every step with actions, and the last, was saved when it was decided
                }
            }
            finally
            {
                await lost.CancelAsync().ConfigureAwait(false);
                await keeper.ConfigureAwait(false);
                Interlocked.Add(ref _fragmentsSkipped, transport.Skipped);
            }

            ended = saver.Ended;
            if (ended)
            {
                Interlocked.Increment(ref _campaignsEnded);
                Log.CampaignEnded(_logger, campaign.Name, claimed.CampaignId);
            }
        }
        catch (LeaseLostException)
        {
            Log.LeaseLost(_logger, claimed.CampaignId, _options.Owner);
            return; // another instance has it: write nothing more, not even the release
        }
        catch (OperationCanceledException) when (lost.IsCancellationRequested)
        {
            // stopping, or the lease was lost while waiting
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Log.CampaignFailed(_logger, claimed.CampaignId, ex);
            await DelayAsync(_options.PollInterval, stoppingToken).ConfigureAwait(false); // released below: another try, here or elsewhere
        }

        if (!ended && !holder.IsLost)
        {
            try
            {
                await _store.ReleaseAsync(holder.Lease, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Log.StoreUnavailable(_logger, ex); // the lease runs out by itself
            }
        }
    }

    private async Task<(FuotaCampaign Campaign, ProgressTracker Tracker)> RestoreAsync(Guid id, CancellationToken cancellationToken)
    {
        StoredCampaign stored = await _store.GetCampaignAsync(id, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException($"Campaign {id} was claimed but cannot be read.");
        StoredPackage package = await _store.GetPackageAsync(stored.PackageId, withContent: true, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException($"Campaign {id} sends package {stored.PackageId}, which is gone.");
        var image = new FirmwareImage(package.Content, package.Title, package.Version, package.Type);
        FuotaCampaign campaign = FuotaCampaign.Restore(stored.Snapshot, image, _keys);
        return (campaign, new ProgressTracker(await _store.GetHistoryAsync(id, cancellationToken: cancellationToken).ConfigureAwait(false)));
    }

    // Renews the lease well before it runs out and passes an operator's cancel request to the runner (looked for every
    // poll interval, so a cancel takes effect within seconds); a lost lease stops the run.
    private async Task KeepLeaseAsync(LeaseHolder holder, FuotaCampaignRunner runner, StepSaver saver, CancellationTokenSource lost, CancellationToken cancellationToken)
    {
        TimeSpan tick = _options.PollInterval < _options.RenewInterval ? _options.PollInterval : _options.RenewInterval;
        DateTimeOffset renewAt = _time.GetUtcNow() + _options.RenewInterval;
        while (!cancellationToken.IsCancellationRequested)
        {
            await DelayAsync(tick, cancellationToken).ConfigureAwait(false);
            if (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            try
            {
                if (_time.GetUtcNow() >= renewAt)
                {
                    holder.Lease = await _store.RenewAsync(holder.Lease, _options.LeaseDuration, cancellationToken).ConfigureAwait(false);
                    renewAt = _time.GetUtcNow() + _options.RenewInterval;
                }

                if ((await _store.GetCampaignAsync(holder.Lease.CampaignId, cancellationToken).ConfigureAwait(false))?.CancelRequested == true)
                {
                    runner.Cancel();
                }

                await saver.FlushAsync(cancellationToken).ConfigureAwait(false); // the changes of steps that sent nothing
            }
            catch (LeaseLostException)
            {
                holder.IsLost = true;
                Log.LeaseLost(_logger, holder.Lease.CampaignId, _options.Owner);
                await lost.CancelAsync().ConfigureAwait(false);
                return;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Log.StoreUnavailable(_logger, ex); // try again at the next tick, while the lease lasts
            }
        }
    }

    private sealed class LeaseHolder(CampaignLease lease)
    {
        private CampaignLease _lease = lease;

        public CampaignLease Lease
        {
            get => Volatile.Read(ref _lease);
            set => Volatile.Write(ref _lease, value);
        }

        public bool IsLost { get; set; }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Campaign {Name} ({Id}) claimed by {Owner}")]
        public static partial void CampaignClaimed(ILogger logger, string name, Guid id, string owner);

        [LoggerMessage(2, LogLevel.Information, "Campaign {Name} ({Id}) ended")]
        public static partial void CampaignEnded(ILogger logger, string name, Guid id);

        [LoggerMessage(3, LogLevel.Warning, "The lease of {Owner} on campaign {Id} was lost: another instance runs it now")]
        public static partial void LeaseLost(ILogger logger, Guid id, string owner);

        [LoggerMessage(4, LogLevel.Error, "Campaign {Id} stopped on an error; it will be claimed again")]
        public static partial void CampaignFailed(ILogger logger, Guid id, Exception exception);

        [LoggerMessage(6, LogLevel.Information, "Campaign {Id}: {Count} fragments decided before the takeover never reached the network server; they are sent now")]
        public static partial void FragmentsResent(ILogger logger, Guid id, int count);

        [LoggerMessage(5, LogLevel.Warning, "The store did not answer; trying again")]
        public static partial void StoreUnavailable(ILogger logger, Exception exception);
    }
}
