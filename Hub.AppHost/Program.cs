using Hub.AppHost.LocalServers;
var dir = Path.Combine(Path.GetTempPath(), "hubsmoke");
await using (var pg = await PostgresServer.StartAsync(Path.Combine(dir, "pg"), FreePort.Next(), "pw123", l => Console.WriteLine("[pg] " + l), default))
await using (var redis = await RedisServer.StartAsync(Path.Combine(dir, "redis"), FreePort.Next(), "rpw", true, l => Console.WriteLine("[redis] " + l), default))
{
    await pg.EnsureDatabaseAsync("hubdb", default);
    Console.WriteLine("READY " + pg.DatabaseConnectionString("hubdb") + " " + redis.ConnectionString);
}
Console.WriteLine("STOPPED");
