using Npgsql;
using NpgsqlTypes;

namespace Hub.Core.Billing.Alerts;

/// <summary>Between <see cref="BudgetAlert"/> and a <c>budget_alerts</c> row (aliased <c>a</c>), and typed parameters.</summary>
internal static class BudgetAlertRowMapper
{
    /// <summary>The alert's fields, in <see cref="BudgetAlert"/>'s order.</summary>
    public const string AlertColumns =
        "a.organization_id, a.budget_id, a.scope, a.scope_id, a.subject, a.period, a.period_start, a.threshold, " +
        "a.spent_credits, a.amount_credits, a.occurred_at";

    public const int AlertColumnCount = 11;

    /// <summary>Reads the <see cref="AlertColumns"/> that start at <paramref name="first"/>.</summary>
    public static BudgetAlert ReadAlert(NpgsqlDataReader reader, int first) => new(
        reader.GetGuid(first),
        reader.GetGuid(first + 1),
        reader.GetString(first + 2),
        reader.GetString(first + 3),
        reader.GetString(first + 4),
        reader.GetString(first + 5),
        reader.GetFieldValue<DateTimeOffset>(first + 6),
        reader.GetInt32(first + 7),
        reader.GetInt64(first + 8),
        reader.GetInt64(first + 9),
        reader.GetFieldValue<DateTimeOffset>(first + 10));

    public static void AddValues(this NpgsqlParameterCollection parameters, params ReadOnlySpan<NpgsqlParameter> values)
    {
        foreach (var value in values)
        {
            parameters.Add(value);
        }
    }

    public static NpgsqlParameter Value(object value) => new() { Value = value };

    /// <summary>Npgsql writes timestamptz only from UTC values.</summary>
    public static NpgsqlParameter Value(DateTimeOffset value) => new() { Value = value.ToUniversalTime() };

    public static NpgsqlParameter Nullable(object? value, NpgsqlDbType type) => new()
    {
        Value = value is DateTimeOffset time ? time.ToUniversalTime() : value ?? DBNull.Value,
        NpgsqlDbType = type,
    };

    public static DateTimeOffset? NullableTime(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);
}
