using Hub.Core.RateLimits;
using Hub.Core.Randomness;
using Npgsql;

namespace Hub.Core.Keys;

/// <summary>A credential as the services see it: never the key itself.</summary>
public sealed record ApiKeyRecord(
    Guid Id,
    Guid OrganizationId,
    Guid? ProjectId,
    ApiKeyKind Kind,
    string DisplayPrefix,
    string? Label,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt)
{
    /// <summary>The key's own rate limits; none by default (admin tokens never have any).</summary>
    public RateLimitOverrides Limits { get; init; } = RateLimitOverrides.None;

    public bool IsUsableAt(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);
}

/// <summary>The one moment a key exists in clear: returned to its creator, then only its hash remains.</summary>
public sealed record IssuedApiKey(ApiKeyRecord Record, string Key);

public sealed class ApiKeyRepository(NpgsqlDataSource dataSource, IRandomSource random, TimeProvider time)
{
    private const string Columns =
        "id, organization_id, project_id, kind, display_prefix, label, created_at, expires_at, revoked_at, requests_per_minute, tokens_per_minute";

    /// <summary>Issues a new random key. <paramref name="projectId"/> is required for project keys only.</summary>
    public Task<IssuedApiKey> IssueAsync(
        Guid organizationId, Guid? projectId, ApiKeyKind kind, string? label, TimeSpan? lifetime, CancellationToken cancellationToken) =>
        StoreAsync(organizationId, projectId, kind, ApiKeyFormat.Generate(kind, random), label, lifetime, cancellationToken);

    /// <summary>
    /// Stores a key chosen by the caller (the AppHost's persisted development key). Idempotent: storing
    /// the same key again returns the existing record.
    /// </summary>
    public async Task<IssuedApiKey> StoreAsync(
        Guid organizationId, Guid? projectId, ApiKeyKind kind, string key, string? label, TimeSpan? lifetime, CancellationToken cancellationToken)
    {
        if (!key.StartsWith(ApiKeyFormat.PrefixOf(kind), StringComparison.Ordinal))
        {
            throw new ArgumentException($"A {kind} key must start with {ApiKeyFormat.PrefixOf(kind)}.", nameof(key));
        }

        await using var command = dataSource.CreateCommand($"""
            INSERT INTO api_keys (organization_id, project_id, kind, key_hash, display_prefix, label, created_at, expires_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            ON CONFLICT (key_hash) DO UPDATE SET key_hash = EXCLUDED.key_hash
            RETURNING {Columns}
            """);
        var now = time.GetUtcNow();
        command.Parameters.Add(new() { Value = organizationId });
        command.Parameters.Add(new() { Value = (object?)projectId ?? DBNull.Value });
        command.Parameters.Add(new() { Value = KindText(kind) });
        command.Parameters.Add(new() { Value = ApiKeyFormat.Hash(key) });
        command.Parameters.Add(new() { Value = ApiKeyFormat.DisplayPrefix(key) });
        command.Parameters.Add(new() { Value = (object?)label ?? DBNull.Value });
        command.Parameters.Add(new() { Value = now });
        command.Parameters.Add(new() { Value = lifetime is { } span ? now + span : DBNull.Value });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new IssuedApiKey(Read(reader), key);
    }

    /// <summary>Looks a presented key up by its hash; revoked and expired keys are returned too, for the caller to judge.</summary>
    public async Task<ApiKeyRecord?> FindAsync(string key, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM api_keys WHERE key_hash = $1");
        command.Parameters.Add(new() { Value = ApiKeyFormat.Hash(key) });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <summary>
    /// Revokes a live key of this organization and returns its hash, which services cache keys by (see
    /// <see cref="KeyRevocations"/>); null when the organization has no such live key.
    /// </summary>
    public async Task<byte[]?> RevokeAsync(Guid organizationId, Guid keyId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE api_keys SET revoked_at = $3 WHERE organization_id = $1 AND id = $2 AND revoked_at IS NULL RETURNING key_hash");
        command.Parameters.Add(new() { Value = organizationId });
        command.Parameters.Add(new() { Value = keyId });
        command.Parameters.Add(new() { Value = time.GetUtcNow() });
        return await command.ExecuteScalarAsync(cancellationToken) as byte[];
    }

    /// <summary>Whether this organization has a gateway key (project or account) with this id, revoked or not.</summary>
    public async Task<bool> HasGatewayKeyAsync(Guid organizationId, Guid keyId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT EXISTS (SELECT 1 FROM api_keys WHERE organization_id = $1 AND id = $2 AND kind <> 'admin')");
        command.Parameters.Add(new() { Value = organizationId });
        command.Parameters.Add(new() { Value = keyId });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// Replaces the rate limits of a gateway key (project or account) of this organization and returns
    /// its hash, which services cache keys by; null when the organization has no such gateway key.
    /// </summary>
    public async Task<byte[]?> SetRateLimitsAsync(Guid organizationId, Guid keyId, RateLimitOverrides limits, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE api_keys SET requests_per_minute = $3, tokens_per_minute = $4
            WHERE organization_id = $1 AND id = $2 AND kind <> 'admin'
            RETURNING key_hash
            """);
        command.Parameters.Add(new() { Value = organizationId });
        command.Parameters.Add(new() { Value = keyId });
        limits.AddParameters(command);
        return await command.ExecuteScalarAsync(cancellationToken) as byte[];
    }

    private static string KindText(ApiKeyKind kind) => kind switch
    {
        ApiKeyKind.Project => "project",
        ApiKeyKind.Account => "account",
        ApiKeyKind.Admin => "admin",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static ApiKeyKind ParseKind(string text) => text switch
    {
        "project" => ApiKeyKind.Project,
        "account" => ApiKeyKind.Account,
        "admin" => ApiKeyKind.Admin,
        _ => throw new InvalidOperationException($"Unknown key kind '{text}' in api_keys."),
    };

    private static ApiKeyRecord Read(NpgsqlDataReader reader) => new(
        reader.GetGuid(0),
        reader.GetGuid(1),
        reader.IsDBNull(2) ? null : reader.GetGuid(2),
        ParseKind(reader.GetString(3)),
        reader.GetString(4),
        reader.IsDBNull(5) ? null : reader.GetString(5),
        reader.GetFieldValue<DateTimeOffset>(6),
        reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7),
        reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8))
    {
        Limits = RateLimitOverrides.Read(reader, 9),
    };
}
