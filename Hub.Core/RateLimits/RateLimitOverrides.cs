using Npgsql;

namespace Hub.Core.RateLimits;

/// <summary>
/// A project's or a key's own rate limits, as stored in <c>requests_per_minute</c> and
/// <c>tokens_per_minute</c> (migration 0006). A null value has no override: the gateway's configured
/// default applies. Values are at least 1 (the database checks it).
/// </summary>
public sealed record RateLimitOverrides(int? RequestsPerMinute, int? TokensPerMinute)
{
    public static readonly RateLimitOverrides None = new(null, null);

    /// <summary>The two columns at <paramref name="ordinal"/> and the one after it.</summary>
    internal static RateLimitOverrides Read(NpgsqlDataReader reader, int ordinal)
    {
        var requests = reader.IsDBNull(ordinal) ? (int?)null : reader.GetInt32(ordinal);
        var tokens = reader.IsDBNull(ordinal + 1) ? (int?)null : reader.GetInt32(ordinal + 1);
        return requests is null && tokens is null ? None : new RateLimitOverrides(requests, tokens);
    }

    internal void AddParameters(NpgsqlCommand command)
    {
        command.Parameters.Add(new() { Value = (object?)RequestsPerMinute ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
        command.Parameters.Add(new() { Value = (object?)TokensPerMinute ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
    }
}
