using System.Net;
using System.Net.Sockets;

namespace Hub.Core.Net;

/// <summary>
/// Where Hub may connect on a URL someone else chose (an organization's webhook, an image URL in a prompt):
/// public unicast addresses only, never the private networks, loopback, link-local (cloud metadata at
/// 169.254.169.254), carrier-grade NAT, documentation, benchmarking, multicast or reserved ranges of the IANA
/// special-purpose registries (RFC 6890 and its updates), so the URL cannot make Hub reach into the network it
/// runs in (SSRF). Checked on the address actually connected to, after DNS (use <see cref="ConnectAsync(DnsEndPoint, bool, CancellationToken)"/>
/// as <c>SocketsHttpHandler.ConnectCallback</c>), so a name that resolves, or re-resolves, to such an address is refused too.
/// </summary>
public static class PublicAddressRules
{
    /// <summary>Whether Hub may connect to <paramref name="address"/>; loopback only when <paramref name="allowLoopback"/> (development and tests).</summary>
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
            AddressFamily.InterNetworkV6 => IsPublicV6(address.GetAddressBytes()),
            _ => false,
        };
    }

    /// <summary>Opens the connection for <paramref name="endpoint"/> to its first address <see cref="MayConnect"/> allows.</summary>
    /// <exception cref="PublicAddressRefusedException">Every address the name has is refused.</exception>
    public static ValueTask<Stream> ConnectAsync(DnsEndPoint endpoint, bool allowLoopback, CancellationToken cancellationToken) =>
        ConnectAsync(endpoint, address => MayConnect(address, allowLoopback), cancellationToken);

    /// <summary>Opens the connection for <paramref name="endpoint"/> to its first address <paramref name="mayConnect"/> allows.</summary>
    /// <exception cref="PublicAddressRefusedException">Every address the name has is refused.</exception>
    public static async ValueTask<Stream> ConnectAsync(DnsEndPoint endpoint, Func<IPAddress, bool> mayConnect, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(mayConnect);
        var addresses = IPAddress.TryParse(endpoint.Host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken);
        var allowed = Array.FindAll(addresses, mayConnect.Invoke);
        if (allowed.Length == 0)
        {
            throw new PublicAddressRefusedException();
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

    // IANA IPv4 special-purpose registry: every block not "globally reachable", plus multicast and 240/4.
    private static bool IsPublicV4(ReadOnlySpan<byte> b) => !(
        b[0] == 0 || b[0] == 10 || b[0] == 127 || b[0] >= 224 // this network, private, loopback, multicast, reserved 240/4 and broadcast
        || (b[0] == 100 && b[1] >= 64 && b[1] <= 127) // carrier-grade NAT 100.64/10
        || (b[0] == 169 && b[1] == 254) // link-local, cloud metadata
        || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
        || (b[0] == 192 && b[1] == 168)
        || (b[0] == 192 && b[1] == 0 && (b[2] == 0 || b[2] == 2)) // IETF protocol assignments 192.0.0/24, TEST-NET-1 192.0.2/24
        || (b[0] == 192 && b[1] == 88 && b[2] == 99) // deprecated 6to4 relay anycast
        || (b[0] == 198 && (b[1] == 18 || b[1] == 19)) // benchmarking 198.18/15
        || (b[0] == 198 && b[1] == 51 && b[2] == 100) // TEST-NET-2
        || (b[0] == 203 && b[1] == 0 && b[2] == 113)); // TEST-NET-3

    // An allow-list: global unicast 2000::/3 is the only IPv6 space assigned for the public Internet; everything
    // outside it (::, ::1, IPv4-compatible ::/96, 100::/64 discard, fc00::/7, fe80::/10, fec0::/10, ff00::/8) is refused,
    // except NAT64 64:ff9b::/96, which is judged by the IPv4 address it carries.
    private static bool IsPublicV6(ReadOnlySpan<byte> b)
    {
        if (b[..12].SequenceEqual(Nat64Prefix))
        {
            return IsPublicV4(b[12..]);
        }

        if ((b[0] & 0xE0) != 0x20)
        {
            return false;
        }

        var first = (b[0] << 8) | b[1];
        var second = (b[2] << 8) | b[3];
        return !(
            (first == 0x2001 && second < 0x0200) // IETF protocol assignments 2001::/23 (Teredo, ORCHID, benchmarking among them)
            || (first == 0x2001 && second == 0x0db8) // documentation 2001:db8::/32
            || (first == 0x2002 && !IsPublicV4(b[2..6])) // 6to4 2002::/16 carries an IPv4 address
            || (first == 0x3fff && second < 0x1000)); // documentation 3fff::/20 (RFC 9637)
    }

    private static ReadOnlySpan<byte> Nat64Prefix => [0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0];
}

/// <summary>A host resolves only to addresses Hub may not connect to (<see cref="PublicAddressRules"/>).</summary>
public sealed class PublicAddressRefusedException() : IOException("The host's address is not public.");
