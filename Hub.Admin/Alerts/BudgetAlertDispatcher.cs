using Hub.Admin.Schema;
using Hub.Core.Billing.Alerts;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Hub.Admin.Alerts;

/// <summary>
/// Works through the delivery outbox (<see cref="BudgetAlertDeliveryRepository"/>), apart from the stream
/// consumer so that a slow or dead receiver never holds up the recording of alerts. Every Admin instance
/// runs one; the outbox's leases keep them from sending the same attempt twice.
/// 1. take due deliveries, at most as many as free slots (<see cref="BudgetAlertOptions.DeliveryConcurrency"/>);
/// 2. attempt each one in the background (<see cref="BudgetAlertWebhookSender"/>);
/// 3. record its outcome: delivered on 2xx; on a failure pending again after <see cref="DeliveryBackoff"/>,
///    or failed after the last attempt; cancelled when the webhook was deleted;
/// 4. sleep until a slot frees, the consumer signals a new delivery, or the poll interval passes.
/// An attempt whose outcome is not recorded (crash, database down) comes due again when its lease ends:
/// delivery is at least once, and receivers tell repeats apart by <c>x-hub-event-id</c>.
/// </summary>
internal sealed partial class BudgetAlertDispatcher(
    BudgetAlertDeliveryRepository deliveries, BudgetAlertWebhookSender sender, DeliveryBackoff backoff, BudgetAlertDeliverySignal signal,
    SchemaState schema, IOptions<BudgetAlertOptions> options, TimeProvider time, ILogger<BudgetAlertDispatcher> logger)
    : BackgroundService
{
    private readonly BudgetAlertOptions settings = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await schema.WhenReady.WaitAsync(stoppingToken);
        var inFlight = new List<Task>(settings.DeliveryConcurrency);
        try
        {
            while (true)
            {
                inFlight.RemoveAll(task => task.IsCompleted);
                var free = settings.DeliveryConcurrency - inFlight.Count;
                if (free > 0 && await TakeDueAsync(inFlight, free, stoppingToken) == free)
                {
                    continue; // Every slot filled: more may be due.
                }

                await WaitAsync(inFlight, stoppingToken);
            }
        }
        finally
        {
            // Each attempt ends on the stopping token and records nothing then; its lease brings it back.
            await Task.WhenAll(inFlight);
        }
    }

    /// <summary>Steps 1 and 2; returns how many deliveries were taken.</summary>
    private async Task<int> TakeDueAsync(List<Task> inFlight, int free, CancellationToken stoppingToken)
    {
        try
        {
            var now = time.GetUtcNow();
            var due = await deliveries.TakeDueAsync(now, now + settings.DeliveryLease, free, stoppingToken);
            foreach (var attempt in due)
            {
                inFlight.Add(AttemptAsync(attempt, stoppingToken));
            }

            return due.Count;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException && !stoppingToken.IsCancellationRequested)
        {
            // Nothing was taken, or what was taken comes due again when its lease ends: look again after the poll interval.
            Log.DispatchFailed(logger, settings.DeliveryPollIntervalMs, ex);
            return 0;
        }
    }

    /// <summary>Steps 2 and 3 for one delivery. Never throws: the loop does not observe these tasks until shutdown.</summary>
    private async Task AttemptAsync(BudgetAlertAttempt attempt, CancellationToken stoppingToken)
    {
        try
        {
            var outcome = await OutcomeOfAsync(attempt, stoppingToken);
            if (!await deliveries.FinishAsync(attempt, outcome, time.GetUtcNow(), stoppingToken))
            {
                Log.AttemptSuperseded(logger, attempt.AlertId, attempt.Attempt);
                return;
            }

            LogOutcome(attempt, outcome);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down mid-attempt: the delivery comes due again when its lease ends.
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            Log.FinishFailed(logger, attempt.AlertId, attempt.Attempt, ex);
        }
    }

    private async Task<BudgetAlertAttemptOutcome> OutcomeOfAsync(BudgetAlertAttempt attempt, CancellationToken stoppingToken)
    {
        if (attempt.Webhook is not { } webhook)
        {
            return new BudgetAlertAttemptOutcome(BudgetAlertDeliveryStates.Cancelled, null, null, "webhook deleted");
        }

        var result = await sender.SendAsync(attempt, webhook, stoppingToken);
        if (result.Delivered)
        {
            return new BudgetAlertAttemptOutcome(BudgetAlertDeliveryStates.Delivered, null, result.Status, null);
        }

        return result.Permanent || attempt.Attempt >= settings.MaxAttempts
            ? new BudgetAlertAttemptOutcome(BudgetAlertDeliveryStates.Failed, null, result.Status, result.Error)
            : new BudgetAlertAttemptOutcome(
                BudgetAlertDeliveryStates.Pending, time.GetUtcNow() + backoff.DelayAfter(attempt.Attempt), result.Status, result.Error);
    }

    /// <summary>Step 4.</summary>
    private async Task WaitAsync(List<Task> inFlight, CancellationToken stoppingToken)
    {
        using var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var waits = new List<Task>(inFlight.Count + 2)
        {
            signal.WaitAsync(wake.Token),
            Task.Delay(TimeSpan.FromMilliseconds(settings.DeliveryPollIntervalMs), time, wake.Token),
        };
        waits.AddRange(inFlight);
        await Task.WhenAny(waits);
        await wake.CancelAsync();
        stoppingToken.ThrowIfCancellationRequested();
    }

    private void LogOutcome(BudgetAlertAttempt attempt, BudgetAlertAttemptOutcome outcome)
    {
        switch (outcome.State)
        {
            case BudgetAlertDeliveryStates.Delivered:
                Log.Delivered(logger, attempt.AlertId, attempt.Attempt, outcome.Status);
                break;
            case BudgetAlertDeliveryStates.Pending:
                Log.AttemptFailed(logger, attempt.AlertId, attempt.Attempt, outcome.Error, outcome.NextAttemptAt);
                break;
            case BudgetAlertDeliveryStates.Failed:
                Log.GaveUp(logger, attempt.AlertId, attempt.Attempt, outcome.Error);
                break;
            default:
                Log.Cancelled(logger, attempt.AlertId);
                break;
        }
    }

    /// <summary>Alert ids, attempt numbers and error kinds only: never the URL, the secret or the payload.</summary>
    private static partial class Log
    {
        [LoggerMessage(EventId = Diagnostics.EventIds.BudgetAlertDelivered, EventName = nameof(Diagnostics.EventIds.BudgetAlertDelivered), Level = LogLevel.Information,
            Message = "Budget alert {AlertId} delivered at attempt {Attempt} (HTTP {Status})")]
        public static partial void Delivered(ILogger logger, Guid alertId, int attempt, int? status);

        [LoggerMessage(EventId = Diagnostics.EventIds.BudgetAlertAttemptFailed, EventName = nameof(Diagnostics.EventIds.BudgetAlertAttemptFailed), Level = LogLevel.Information,
            Message = "Budget alert {AlertId} attempt {Attempt} failed ({Error}); next attempt at {NextAttemptAt:O}")]
        public static partial void AttemptFailed(ILogger logger, Guid alertId, int attempt, string? error, DateTimeOffset? nextAttemptAt);

        [LoggerMessage(EventId = Diagnostics.EventIds.BudgetAlertGaveUp, EventName = nameof(Diagnostics.EventIds.BudgetAlertGaveUp), Level = LogLevel.Warning,
            Message = "Budget alert {AlertId} not delivered: gave up after attempt {Attempt} ({Error})")]
        public static partial void GaveUp(ILogger logger, Guid alertId, int attempt, string? error);

        [LoggerMessage(EventId = Diagnostics.EventIds.BudgetAlertDeliveryCancelled, EventName = nameof(Diagnostics.EventIds.BudgetAlertDeliveryCancelled), Level = LogLevel.Information,
            Message = "Budget alert {AlertId} not delivered: the webhook was deleted")]
        public static partial void Cancelled(ILogger logger, Guid alertId);

        [LoggerMessage(EventId = Diagnostics.EventIds.BudgetAlertAttemptSuperseded, EventName = nameof(Diagnostics.EventIds.BudgetAlertAttemptSuperseded), Level = LogLevel.Warning,
            Message = "Budget alert {AlertId} attempt {Attempt} outlived its lease; a later attempt's outcome stands")]
        public static partial void AttemptSuperseded(ILogger logger, Guid alertId, int attempt);

        [LoggerMessage(EventId = Diagnostics.EventIds.BudgetAlertFinishFailed, EventName = nameof(Diagnostics.EventIds.BudgetAlertFinishFailed), Level = LogLevel.Warning,
            Message = "Budget alert {AlertId} attempt {Attempt}: outcome not recorded; the delivery comes due again when its lease ends")]
        public static partial void FinishFailed(ILogger logger, Guid alertId, int attempt, Exception exception);

        [LoggerMessage(EventId = Diagnostics.EventIds.BudgetAlertDispatchFailed, EventName = nameof(Diagnostics.EventIds.BudgetAlertDispatchFailed), Level = LogLevel.Warning,
            Message = "Due budget-alert deliveries could not be read; retrying in {DelayMs} ms")]
        public static partial void DispatchFailed(ILogger logger, int delayMs, Exception exception);
    }
}
