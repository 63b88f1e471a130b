using LoRaFuota.Campaigns;
using LoRaFuota.Campaigns.Events;

namespace LoRaFuota.Hosting;

/// <content>One step: ask the campaign, carry out its actions, report refusals back, collect its events.</content>
public sealed partial class FuotaCampaignRunner
{
    private async Task StepAsync(Func<FuotaCampaign, CampaignStep> call, Queue<CampaignEvent> events, CancellationToken cancellationToken)
    {
        CampaignStep step = Call(call);
        var refused = new List<ActionOutcome>();
        while (true)
        {
            if (StepDecided is { } decided)
            {
                await decided(step, cancellationToken).ConfigureAwait(false); // write-ahead: the state is saved before its actions go out
            }

            Collect(step, events);
            foreach (CampaignAction action in step.Actions)
            {
                if (await ExecuteAsync(action, cancellationToken).ConfigureAwait(false) is ActionOutcome outcome)
                {
                    refused.Add(outcome);
                }
            }

            if (refused.Count == 0)
            {
                return;
            }

            ActionOutcome first = refused[0];
            refused.RemoveAt(0);
            step = Call(c => c.HandleOutcome(first, _time.GetUtcNow()));
        }
    }

    private CampaignStep Call(Func<FuotaCampaign, CampaignStep> call)
    {
        lock (_lock)
        {
            CampaignStep step = call(_campaign);
            NextWakeUp = step.NextWakeUp;
            return step;
        }
    }

    /// <summary>Carries one action out; the outcome when the transport refused it, else null.</summary>
    private async Task<ActionOutcome?> ExecuteAsync(CampaignAction action, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.TransportTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            ValueTask call = action switch
            {
                UnicastDownlink unicast => _transport.SendUnicastAsync(unicast, linked.Token),
                MulticastGroupCreation creation => _transport.CreateMulticastGroupAsync(creation, linked.Token),
                MulticastDownlink multicast => _transport.SendMulticastAsync(multicast, linked.Token),
                MulticastGroupDeletion deletion => _transport.DeleteMulticastGroupAsync(deletion, linked.Token),
                _ => throw new InvalidOperationException($"Unknown action {action.GetType().Name}."),
            };
            await call.ConfigureAwait(false);
            return null;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is FuotaTransportException or OperationCanceledException or TimeoutException or IOException or InvalidOperationException)
        {
            string error = ex is OperationCanceledException ? $"no answer within {_options.TransportTimeout}" : ex.Message;
            _logger.ActionFailed(_campaign.Name, Describe(action), error);
            if (ex is not FuotaTransportException)
            {
                _logger.TransportFailed(_campaign.Name, Describe(action), ex);
            }

            _metrics?.Failed(_campaign.Name);
            return new ActionOutcome(action.Id, Succeeded: false, error);
        }
    }

    private void Collect(CampaignStep step, Queue<CampaignEvent> events)
    {
        foreach (CampaignEvent campaignEvent in step.Events)
        {
            _metrics?.Record(_campaign.Name, campaignEvent);
            LogEvent(campaignEvent);
            events.Enqueue(campaignEvent);
        }
    }

    private void LogEvent(CampaignEvent campaignEvent)
    {
        switch (campaignEvent)
        {
            case DeviceStateChanged e:
                _logger.DeviceStateChanged(_campaign.Name, e.DevEui, e.From, e.To, e.Reason);
                break;
            case SessionScheduled e:
                _logger.SessionScheduled(_campaign.Name, e.Group, e.Devices, e.SessionStart, e.SessionEnd);
                break;
            case UplinkRejected e:
                _logger.UplinkRejected(_campaign.Name, e.DevEui, e.FPort, e.Reason);
                break;
            case CampaignCompleted e:
                _logger.CampaignCompleted(_campaign.Name, e.Updated, e.Failed, e.Cancelled);
                break;
            default:
                break;
        }
    }

    // Names what an action is without its payload or keys.
    private static string Describe(CampaignAction action) => action switch
    {
        UnicastDownlink u => $"{u.Command} to {u.DevEui}",
        MulticastGroupCreation c => $"creating group {c.Group}",
        MulticastDownlink m => $"group {m.Group} FCnt {m.FCnt}",
        MulticastGroupDeletion d => $"deleting group {d.Group}",
        _ => action.GetType().Name,
    };
}
