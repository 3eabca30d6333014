using System.Net;
using System.Net.Sockets;
using Hub.Core.Net;

namespace Hub.Core.Tests.Net;

/// <summary>A URL someone else chose cannot make Hub reach into its own network (SSRF), whatever its name resolves to.</summary>
public sealed class PublicAddressRulesTests
{
    [Theory]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("100.127.255.255")]
    [InlineData("0.0.0.0")]
    [InlineData("0.1.2.3")]
    [InlineData("192.0.0.8")]
    [InlineData("192.0.2.1")]
    [InlineData("192.88.99.1")]
    [InlineData("198.18.0.1")]
    [InlineData("198.19.255.255")]
    [InlineData("198.51.100.7")]
    [InlineData("203.0.113.9")]
    [InlineData("224.0.0.1")]
    [InlineData("240.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("127.0.0.1")]
    [InlineData("127.1.2.3")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("::10.0.0.1")]
    [InlineData("::8.8.8.8")]
    [InlineData("64:ff9b::10.0.0.1")]
    [InlineData("64:ff9b::169.254.169.254")]
    [InlineData("64:ff9b:1::1")]
    [InlineData("100::1")]
    [InlineData("2001::1")]
    [InlineData("2001:2::1")]
    [InlineData("2001:db8::1")]
    [InlineData("2002:a00:1::1")]
    [InlineData("2002:a9fe:a9fe::1")]
    [InlineData("3fff::1")]
    [InlineData("fe80::1")]
    [InlineData("febf::1")]
    [InlineData("fec0::1")]
    [InlineData("fc00::1")]
    [InlineData("fd00::1")]
    [InlineData("ff02::1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    public void PrivateLoopbackLinkLocalAndReserved_Refused(string address) =>
        Assert.False(PublicAddressRules.MayConnect(IPAddress.Parse(address), allowLoopback: false));

    [Theory]
    [InlineData("93.184.215.14")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("192.0.1.1")]
    [InlineData("198.51.101.1")]
    [InlineData("8.8.8.8")]
    [InlineData("223.255.255.254")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::8.8.8.8")]
    [InlineData("2002:808:808::1")]
    [InlineData("2001:4860:4860::8888")]
    [InlineData("2606:4700::1111")]
    public void PublicAddresses_Allowed(string address) =>
        Assert.True(PublicAddressRules.MayConnect(IPAddress.Parse(address), allowLoopback: false));

    [Fact]
    public void Loopback_OnlyWhenAllowedForDevelopment()
    {
        Assert.True(PublicAddressRules.MayConnect(IPAddress.Loopback, allowLoopback: true));
        Assert.True(PublicAddressRules.MayConnect(IPAddress.IPv6Loopback, allowLoopback: true));
        Assert.False(PublicAddressRules.MayConnect(IPAddress.Parse("10.0.0.1"), allowLoopback: true));
        Assert.False(PublicAddressRules.MayConnect(IPAddress.Parse("169.254.169.254"), allowLoopback: true));
    }

    [Fact]
    public async Task Connect_ToARefusedName_ThrowsWithoutConnecting()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        await Assert.ThrowsAsync<PublicAddressRefusedException>(async () =>
            await PublicAddressRules.ConnectAsync(new DnsEndPoint("localhost", port), allowLoopback: false, TestContext.Current.CancellationToken));

        Assert.False(listener.Pending());
    }

    [Fact]
    public async Task Connect_ToAnAllowedAddress_Connects()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        await using var stream = await PublicAddressRules.ConnectAsync(new DnsEndPoint("127.0.0.1", port), allowLoopback: true, TestContext.Current.CancellationToken);
        using var accepted = await listener.AcceptTcpClientAsync(TestContext.Current.CancellationToken);

        Assert.True(accepted.Connected);
    }
}
