using Hub.Core.Billing;

namespace Hub.Core.Tests.Billing;

public sealed class BudgetPeriodsTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    [Theory]
    [InlineData("daily", "2026-12-02T23:30:00Z", "2026-12-02T23:00:00Z", "2026-12-03T23:00:00Z")]
    [InlineData("daily", "2026-12-02T22:59:59Z", "2026-12-01T23:00:00Z", "2026-12-02T23:00:00Z")]
    [InlineData("weekly", "2026-12-02T12:00:00Z", "2026-11-29T23:00:00Z", "2026-12-06T23:00:00Z")]
    [InlineData("weekly", "2026-12-06T22:59:00Z", "2026-11-29T23:00:00Z", "2026-12-06T23:00:00Z")]
    [InlineData("monthly", "2026-12-31T23:30:00Z", "2027-01-01T00:00:00+01:00", "2027-02-01T00:00:00+01:00")]
    [InlineData("monthly", "2026-03-15T12:00:00Z", "2026-03-01T00:00:00+01:00", "2026-04-01T00:00:00+02:00")]
    public void Window_CalendarPeriodsInTheConfiguredZone(string period, string now, string start, string end)
    {
        var (periodStart, periodEnd) = BudgetPeriods.Window(period, DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture), Berlin);

        Assert.Equal(DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture), periodStart);
        Assert.Equal(DateTimeOffset.Parse(end, System.Globalization.CultureInfo.InvariantCulture), periodEnd);
    }

    [Fact]
    public void Window_DayOfAClockChange_IsTwentyThreeHours()
    {
        var (start, end) = BudgetPeriods.Window(BudgetPeriods.Daily, new DateTimeOffset(2026, 3, 29, 12, 0, 0, TimeSpan.Zero), Berlin);

        Assert.Equal(TimeSpan.FromHours(23), end!.Value - start);
    }

    [Fact]
    public void Window_Total_NeverEnds()
    {
        Assert.Equal((DateTimeOffset.UnixEpoch, (DateTimeOffset?)null), BudgetPeriods.Window(BudgetPeriods.Total, DateTimeOffset.UtcNow, TimeZoneInfo.Utc));
    }

    [Theory]
    [InlineData(0, 2_600_000, 0)]
    [InlineData(1, 2_600_000, 3)]
    [InlineData(10, 2_600_000, 26)]
    [InlineData(1_000_000, 15_000_000, 15_000_000)]
    [InlineData(7, 1, 1)]
    public void ForTokens_RoundsUpToAWholeCredit(long tokens, long perMillion, long expected) =>
        Assert.Equal(expected, Credits.ForTokens(tokens, perMillion));

    [Fact]
    public void FromUsd_WholeCreditsRoundedUp() => Assert.Equal(1_500_001, Credits.FromUsd(1.5000001m));
}
