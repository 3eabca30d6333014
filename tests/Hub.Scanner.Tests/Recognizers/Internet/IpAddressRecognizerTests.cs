using Hub.Core.Entities;
using Hub.Scanner.Recognizers.Internet;
using Hub.Scanner.Tests.Recognizers.Secrets;

namespace Hub.Scanner.Tests.Recognizers.Internet;

public sealed class IpAddressRecognizerTests
{
    private readonly IpAddressRecognizer recognizer = new();

    [Theory]
    [InlineData("Server 192.168.1.10 is down.", "192.168.1.10")]
    [InlineData("ip=10.0.0.1:8080", "10.0.0.1")]
    [InlineData("allow 172.16.0.0/12;", "172.16.0.0/12")]
    [InlineData("255.255.255.255", "255.255.255.255")]
    [InlineData("from 0.0.0.0", "0.0.0.0")]
    [InlineData("host 2001:0db8:85a3:0000:0000:8a2e:0370:7334 up", "2001:0db8:85a3:0000:0000:8a2e:0370:7334")]
    [InlineData("2001:db8::1", "2001:db8::1")]
    [InlineData("loopback ::1.", "::1")]
    [InlineData("link fe80::1ff:fe23:4567:890a%eth0 ok", "fe80::1ff:fe23:4567:890a%eth0")]
    [InlineData("net 2001:db8::/32", "2001:db8::/32")]
    [InlineData("mapped ::ffff:192.0.2.128", "::ffff:192.0.2.128")]
    [InlineData("[2001:db8:0:0:1:0:0:1]:443", "2001:db8:0:0:1:0:0:1")]
    public void Analyze_Address_ReportsExactSpan(string text, string expected)
    {
        var result = RecognizerAssert.Finds(recognizer, text, EntityNames.IpAddress, expected);

        Assert.Equal(0.6, result.Score);
    }

    [Theory]
    [InlineData("256.1.1.1")]
    [InlineData("1.2.3")]
    [InlineData("1.2.3.4.5")]
    [InlineData("version 1.2.3.4")]
    [InlineData("v1.2.3.4")]
    [InlineData("192.168.01.1")]
    [InlineData("1234.1.1.1")]
    [InlineData("at 10:30:00 and 12:45")]
    [InlineData("std::vector<int> a::b Foo::Bar")]
    [InlineData("mac 00:1A:2B:3C:4D:5E")]
    [InlineData("::")]
    [InlineData("2001:db8:::1")]
    [InlineData("12345::1")]
    public void Analyze_NotAnAddress_ReportsNothing(string text)
    {
        RecognizerAssert.FindsNothing(recognizer, text, EntityNames.IpAddress);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("1.")]
    [InlineData(":")]
    [InlineData("1:")]
    [InlineData("a:")]
    [InlineData("255.")]
    public void Analyze_100KbAdversarial_Completes(string unit)
    {
        var results = RecognizerAssert.ScanAdversarial(recognizer, unit);

        Assert.True(results.Count < 10, $"{results.Count} findings");
    }

    [Fact]
    public void Scan_IPv4MappedIPv6_ReportsOneSpan()
    {
        Assert.Equal(["::ffff:192.0.2.128"], ScannerTestKit.Found("client ::ffff:192.0.2.128 connected", EntityNames.IpAddress));
    }
}
