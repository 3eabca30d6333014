using Hub.Core.Audit;
using Hub.Core.Tenancy;
using Hub.Testing;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Hub.Core.Tests.Audit;

/// <summary>The audit repositories on the assembly's Postgres, and raw SQL against it.</summary>
internal sealed class AuditTestDatabase(LocalInfrastructure infrastructure)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public AuditRepository Repository { get; } = new(infrastructure.DataSource, TimeProvider.System, Options.Create(new AuditOptions()));

    public AuditRetentionRepository Retention { get; } = new(infrastructure.DataSource, Options.Create(new AuditOptions()));

    public NpgsqlDataSource DataSource => infrastructure.DataSource;

    public Task<Guid> NewOrganizationAsync() =>
        new OrganizationRepository(infrastructure.DataSource).CreateAsync($"audit-org-{Guid.NewGuid():N}", Cancel);

    public async Task<IReadOnlyList<AuditRecord>> ChainAsync(Guid organizationId) =>
        (await Repository.QueryAsync(organizationId, new AuditQuery(Limit: AuditQuery.MaxLimit), Cancel)).Reverse().ToList();

    /// <inheritdoc cref="AuditTampering.RunAsync"/>
    public Task TamperAsync(string sql, params object[] values) => AuditTampering.RunAsync(infrastructure.DataSource, sql, values);

    public async Task<int> ExecuteAsync(string sql, params object[] values)
    {
        await using var command = infrastructure.DataSource.CreateCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return await command.ExecuteNonQueryAsync(Cancel);
    }
}
