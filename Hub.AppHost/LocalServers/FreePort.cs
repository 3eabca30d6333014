using System.Net;
using System.Net.Sockets;

namespace Hub.AppHost.LocalServers;

public static class FreePort
{
    /// <summary>
    /// A loopback port that was free a moment ago: the OS picks it for a throwaway listener. Another
    /// process could take it before ours binds; callers start promptly and fail loudly if it is taken.
    /// </summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
