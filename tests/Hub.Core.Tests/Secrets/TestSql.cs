using Npgsql;

namespace Hub.Core.Tests.Secrets;

/// <summary>Raw SQL against a test database: reading what a repository stored, and tampering with it as an attacker with database access could.</summary>
internal static class TestSql
{
    public static async Task<T> ScalarAsync<T>(NpgsqlDataSource dataSource, string sql, params object[] values)
    {
        await using var command = Command(dataSource, sql, values);
        return (T)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    /// <returns>The rows changed.</returns>
    public static async Task<int> ExecuteAsync(NpgsqlDataSource dataSource, string sql, params object[] values)
    {
        await using var command = Command(dataSource, sql, values);
        return await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    private static NpgsqlCommand Command(NpgsqlDataSource dataSource, string sql, object[] values)
    {
        var command = dataSource.CreateCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }
}
