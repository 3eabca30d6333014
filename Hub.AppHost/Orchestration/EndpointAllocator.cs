using Hub.AppHost.Hosting.ApplicationModel;
using Hub.AppHost.LocalServers;

namespace Hub.AppHost.Orchestration;

/// <summary>
/// Gives every endpoint its loopback port before anything starts, so connection strings and service
/// URLs can be handed to children that start before the servers they use are up.
/// </summary>
internal static class EndpointAllocator
{
    public const string Address = "127.0.0.1";

    public static void Allocate(IEnumerable<IResource> resources)
    {
        var taken = new HashSet<int>();
        foreach (var endpoint in resources.SelectMany(r => r.Annotations.OfType<EndpointAnnotation>()))
        {
            var port = endpoint.Port ?? NextFreePort(taken);
            taken.Add(port);
            endpoint.AllocatedEndpoint = new AllocatedEndpoint(endpoint, Address, port);
        }
    }

    /// <summary>The OS may hand the same just-released port out twice in a row; skip repeats.</summary>
    private static int NextFreePort(HashSet<int> taken)
    {
        while (true)
        {
            var port = FreePort.Next();
            if (!taken.Contains(port))
            {
                return port;
            }
        }
    }
}
