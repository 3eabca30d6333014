using Hub.Admin.Schema;

namespace Hub.Admin.Streams;

/// <summary>
/// A hosted consumer of one Redis stream as a <see cref="ConsumerGroupMember"/>: waits until the schema is
/// migrated, then processes batches until shutdown, and leaves the group on the way out. A subclass says
/// what a batch means and how its start and failures are logged.
/// </summary>
internal abstract class ConsumerGroupService(ConsumerGroupMember member, SchemaState schema) : BackgroundService
{
    protected ConsumerGroupMember Member => member;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await member.LeaveAsync();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await schema.WhenReady.WaitAsync(stoppingToken);
        Started(member.Name);
        await member.RunAsync(ProcessAsync, Failed, stoppingToken);
    }

    protected abstract Task ProcessAsync(ConsumerGroupBatch batch, CancellationToken cancellationToken);

    protected abstract void Started(string consumerName);

    /// <summary>A batch failed (nothing was acknowledged); the member tries again after <paramref name="delay"/>.</summary>
    protected abstract void Failed(TimeSpan delay, Exception exception);
}
