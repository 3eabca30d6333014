using Hub.Core.Audit;

namespace Hub.Core.Tests.Audit;

public sealed class AuditPartitionsTests
{
    [Fact]
    public void Name_RoundTripsThroughMonthOf()
    {
        var month = new DateOnly(2031, 7, 1);

        Assert.Equal("audit_events_r2031_07", AuditPartitions.Name(month));
        Assert.Equal(month, AuditPartitions.MonthOf("audit_events_r2031_07"));
    }

    [Theory]
    [InlineData("audit_events")]
    [InlineData("audit_events_r2031_13")]
    [InlineData("audit_events_r2031-07")]
    [InlineData("audit_events_r2031_07; DROP TABLE x")]
    [InlineData("audit_events_r+031_07")]
    public void MonthOf_OtherNames_Null(string name) => Assert.Null(AuditPartitions.MonthOf(name));

    [Fact]
    public void MonthOf_UsesUtcMonth()
    {
        var lateEveningInNewYork = new DateTimeOffset(2025, 1, 31, 22, 0, 0, TimeSpan.FromHours(-5));

        Assert.Equal(new DateOnly(2025, 2, 1), AuditPartitions.MonthOf(lateEveningInNewYork));
        Assert.Equal(new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero), AuditPartitions.EndOf(new DateOnly(2025, 2, 1)));
    }
}
