using Npgsql;

namespace Hub.Admin.Streams;

/// <summary>Which database errors mean a stream entry can never be stored, so its consumer dead-letters it instead of retrying.</summary>
internal static class RefusedData
{
    /// <summary>Classes 22 (data exception) and 23 (integrity violation): retrying the same data cannot succeed.</summary>
    public static bool Is(PostgresException ex) =>
        ex.SqlState.StartsWith("22", StringComparison.Ordinal) || ex.SqlState.StartsWith("23", StringComparison.Ordinal);
}
