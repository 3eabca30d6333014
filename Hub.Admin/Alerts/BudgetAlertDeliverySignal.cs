using System.Threading.Channels;

namespace Hub.Admin.Alerts;

/// <summary>Wakes the <see cref="BudgetAlertDispatcher"/> when the consumer has queued a delivery, so a new alert goes out at once rather than at the next poll.</summary>
internal sealed class BudgetAlertDeliverySignal
{
    private readonly Channel<bool> wakeups = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Notify() => wakeups.Writer.TryWrite(true);

    public async Task WaitAsync(CancellationToken cancellationToken) => await wakeups.Reader.ReadAsync(cancellationToken);
}
