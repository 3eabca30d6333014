using Hub.AppHost.Hosting.ApplicationModel;

namespace Hub.AppHost.Orchestration;

/// <summary>Picks the runner for each resource of the model; parameters need none.</summary>
internal static class RunnerFactory
{
    public static IReadOnlyList<IResourceRunner> Create(IEnumerable<IResource> resources, RunContext context)
    {
        var runners = new List<IResourceRunner>();
        var servers = new Dictionary<PostgresServerResource, PostgresServerRunner>();
        foreach (var resource in resources)
        {
            switch (resource)
            {
                case ParameterResource:
                    break;
                case PostgresServerResource postgres:
                    runners.Add(servers[postgres] = new PostgresServerRunner(postgres, context));
                    break;
                case PostgresDatabaseResource database:
                    // A database is always added after its server (AddDatabase needs the server's builder).
                    runners.Add(new PostgresDatabaseRunner(database, servers[database.Parent], context));
                    break;
                case RedisResource redis:
                    runners.Add(new RedisRunner(redis, context));
                    break;
                case ProjectResource project:
                    runners.Add(new ProjectRunner(project, context));
                    break;
                default:
                    throw new NotSupportedException($"This AppHost cannot run '{resource.Name}' ({resource.GetType().Name}).");
            }
        }

        return runners;
    }
}
