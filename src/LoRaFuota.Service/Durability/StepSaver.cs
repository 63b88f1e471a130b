using System.Diagnostics;
using LoRaFuota.Campaigns;
using LoRaFuota.Hosting;
using LoRaFuota.Storage;
using LoRaFuota.Storage.Model;

namespace LoRaFuota.Service.Durability;

/// <summary>
/// Saves a running campaign's steps. Write-ahead: a step with actions is saved before they go out, so after a crash
/// nothing is sent twice with the same counters (a v2 FragSessionSetupReq repeated with its SessionCnt would be refused
/// as a replay). A step that sends nothing cannot be repeated after a crash: it is saved with the next step that sends
/// something, or by <see cref="FlushAsync"/> once <c>SaveInterval</c> has passed, so the API shows its changes; the
/// final step is always saved. This keeps a big fleet's periodic uplinks from costing one write each.
/// </summary>
internal sealed class StepSaver(IFuotaStore store, FuotaCampaignRunner runner, ProgressTracker tracker, Func<CampaignLease> lease, TimeSpan interval) : IDisposable
{
    private readonly SemaphoreSlim _saving = new(1, 1);
    private long _lastSave = Stopwatch.GetTimestamp();
    private bool _dirty;

    /// <summary>Gets a value indicating whether the campaign's end has been saved (no more writes after it).</summary>
    public bool Ended { get; private set; }

    /// <summary>The runner's <see cref="FuotaCampaignRunner.StepDecided"/>.</summary>
    public async ValueTask OnStepAsync(CampaignStep step, CancellationToken cancellationToken)
    {
        if (step.Actions.Count == 0 && !step.Completed && Stopwatch.GetElapsedTime(Volatile.Read(ref _lastSave)) < interval)
        {
            _dirty = true;
            return;
        }

        await SaveAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Saves the steps that sent nothing, if any is waiting and the interval has passed.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_dirty && Stopwatch.GetElapsedTime(Volatile.Read(ref _lastSave)) >= interval)
        {
            await SaveAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose() => _saving.Dispose();

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        await _saving.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Ended)
            {
                return; // the final state is saved; an ended campaign takes no more writes
            }

            CampaignProgress progress = runner.Inspect(c => tracker.Next(c, c.SaveSnapshot())); // one moment: the snapshot and its devices
            await store.SaveProgressAsync(lease(), progress, cancellationToken).ConfigureAwait(false);
            _dirty = false;
            Volatile.Write(ref _lastSave, Stopwatch.GetTimestamp());
            Ended = progress.State != CampaignState.Running;
        }
        finally
        {
            _saving.Release();
        }
    }
}
