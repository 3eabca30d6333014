using System.Net;
using System.Net.Sockets;

namespace Hub.Admin.Alerts;

/// <summary>
/// Where a webhook may connect: public unicast addresses only, never the private networks, loopback,
/// link-local (cloud metadata at 169.254.169.254), carrier-grade NAT, multicast or reserved ranges — so an
/// organization's webhook URL cannot make Hub.Admin reach into the network it runs in (SSRF). Checked on
/// the address actually connected to, after DNS, so a name that resolves (or re-resolves) to such an
/// address is refused too. Loopback is allowed only with <see cref="BudgetAlertOptions.AllowLoopbackHttp"/>.
/// </summary>
internal static class WebhookAddressRules
{
    public static bool MayConnect(IPAddress address, bool allowLoopback)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address))
        {
            return allowLoopback;
        }

        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => IsPublicV4(address.GetAddressBytes()),
            AddressFamily.InterNetworkV6 => IsPublicV6(address),
            _ => false,
        };
    }

    /// <summary>Opens the connection for <paramref name="endpoint"/> to its first allowed address.</summary>
    /// <exception cref="WebhookAddressRefusedException">Every address the name has is refused.</exception>
    public static async ValueTask<Stream> ConnectAsync(DnsEndPoint endpoint, bool allowLoopback, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(endpoint.Host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken);
        var allowed = Array.FindAll(addresses, address => MayConnect(address, allowLoopback));
        if (allowed.Length == 0)
        {
            throw new WebhookAddressRefusedException();
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, endpoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static bool IsPublicV4(byte[] b) => !(
        b[0] == 0 || b[0] == 10 || b[0] == 127 || b[0] >= 224 // this network, private, loopback, multicast and reserved
        || (b[0] == 100 && b[1] >= 64 && b[1] <= 127) // carrier-grade NAT
        || (b[0] == 169 && b[1] == 254) // link-local, cloud metadata
        || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
        || (b[0] == 192 && b[1] == 168)
        || (b[0] == 192 && b[1] == 0 && b[2] == 0) // IETF protocol assignments
        || (b[0] == 198 && (b[1] == 18 || b[1] == 19))); // benchmarking

    private static bool IsPublicV6(IPAddress address)
    {
        var b = address.GetAddressBytes();
        return !(address.Equals(IPAddress.IPv6None) || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast
            || (b[0] & 0xFE) == 0xFC); // unique local fc00::/7
    }
}

/// <summary>A webhook's host resolves only to addresses Hub may not connect to (<see cref="WebhookAddressRules"/>).</summary>
internal sealed class WebhookAddressRefusedException() : IOException("The webhook's address is not public.");
