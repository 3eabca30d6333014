using Hub.Gateway.RateLimits;

namespace Hub.Gateway.Tests.RateLimits;

public sealed class OpenAIDurationTests
{
    [Theory]
    [InlineData(0, "0s")]
    [InlineData(-5, "0s")]
    [InlineData(1, "1ms")]
    [InlineData(999, "999ms")]
    [InlineData(1000, "1s")]
    [InlineData(1500, "1.5s")]
    [InlineData(1898, "1.898s")]
    [InlineData(20_000, "20s")]
    [InlineData(59_280, "59.28s")]
    [InlineData(60_000, "1m0s")]
    [InlineData(87_360, "1m27.36s")]
    [InlineData(360_000, "6m0s")]
    [InlineData(3_600_000, "1h0m0s")]
    [InlineData(3_723_004, "1h2m3.004s")]
    public void Format_Milliseconds_WritesGoDurationsAsOpenAIDoes(long milliseconds, string expected) =>
        Assert.Equal(expected, OpenAIDuration.Format(milliseconds));
}
