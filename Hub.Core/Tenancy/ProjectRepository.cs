using Hub.Core.RateLimits;
using Npgsql;

namespace Hub.Core.Tenancy;

/// <summary>Projects, always read and written within one organization: no method crosses tenants.</summary>
public sealed class ProjectRepository(NpgsqlDataSource dataSource)
{
    private const string Columns =
        "id, organization_id, name, classification, allowed_providers, denied_providers, allowed_models, region, created_at, denied_models, requests_per_minute, tokens_per_minute, prefer_byok";

    /// <summary>Returns null when the organization already has a project of that name.</summary>
    public async Task<Project?> CreateAsync(Guid organizationId, NewProject project, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            INSERT INTO projects (organization_id, name, classification, allowed_providers, denied_providers, allowed_models, region, denied_models, prefer_byok)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            ON CONFLICT (organization_id, name) DO NOTHING
            RETURNING {Columns}
            """);
        command.Parameters.Add(new() { Value = organizationId });
        command.Parameters.Add(new() { Value = project.Name });
        command.Parameters.Add(new() { Value = project.Classification ?? "internal" });
        command.Parameters.Add(new() { Value = (project.AllowedProviders ?? []).ToArray() });
        command.Parameters.Add(new() { Value = (project.DeniedProviders ?? []).ToArray() });
        command.Parameters.Add(new() { Value = (project.AllowedModels ?? []).ToArray() });
        command.Parameters.Add(new() { Value = (object?)project.Region ?? DBNull.Value });
        command.Parameters.Add(new() { Value = (project.DeniedModels ?? []).ToArray() });
        command.Parameters.Add(new() { Value = project.PreferByok });
        return await ReadSingleAsync(command, cancellationToken);
    }

    public async Task<Project?> GetAsync(Guid organizationId, Guid projectId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM projects WHERE organization_id = $1 AND id = $2");
        command.Parameters.Add(new() { Value = organizationId });
        command.Parameters.Add(new() { Value = projectId });
        return await ReadSingleAsync(command, cancellationToken);
    }

    public async Task<Project?> FindByNameAsync(Guid organizationId, string name, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM projects WHERE organization_id = $1 AND name = $2");
        command.Parameters.Add(new() { Value = organizationId });
        command.Parameters.Add(new() { Value = name });
        return await ReadSingleAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<Project>> ListAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM projects WHERE organization_id = $1 ORDER BY created_at, id");
        command.Parameters.Add(new() { Value = organizationId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var projects = new List<Project>();
        while (await reader.ReadAsync(cancellationToken))
        {
            projects.Add(Read(reader));
        }

        return projects;
    }

    /// <summary>Replaces the project's rate limits; null when the organization has no such project.</summary>
    public async Task<Project?> SetRateLimitsAsync(Guid organizationId, Guid projectId, RateLimitOverrides limits, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            UPDATE projects SET requests_per_minute = $3, tokens_per_minute = $4
            WHERE organization_id = $1 AND id = $2
            RETURNING {Columns}
            """);
        command.Parameters.Add(new() { Value = organizationId });
        command.Parameters.Add(new() { Value = projectId });
        limits.AddParameters(command);
        return await ReadSingleAsync(command, cancellationToken);
    }

    /// <summary>Sets whether the router prefers the organization's own provider keys; null when the organization has no such project.</summary>
    public async Task<Project?> SetPreferByokAsync(Guid organizationId, Guid projectId, bool preferByok, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"UPDATE projects SET prefer_byok = $3 WHERE organization_id = $1 AND id = $2 RETURNING {Columns}");
        command.Parameters.Add(new() { Value = organizationId });
        command.Parameters.Add(new() { Value = projectId });
        command.Parameters.Add(new() { Value = preferByok });
        return await ReadSingleAsync(command, cancellationToken);
    }

    private static async Task<Project?> ReadSingleAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    private static Project Read(NpgsqlDataReader reader) => new(
        reader.GetGuid(0),
        reader.GetGuid(1),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetFieldValue<string[]>(4),
        reader.GetFieldValue<string[]>(5),
        reader.GetFieldValue<string[]>(6),
        reader.IsDBNull(7) ? null : reader.GetString(7),
        reader.GetFieldValue<DateTimeOffset>(8),
        reader.GetFieldValue<string[]>(9))
    {
        Limits = RateLimitOverrides.Read(reader, 10),
        PreferByok = reader.GetBoolean(12),
    };
}
