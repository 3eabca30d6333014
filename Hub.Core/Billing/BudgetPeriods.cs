namespace Hub.Core.Billing;

/// <summary>
/// Calendar periods in the configured time zone: a daily budget resets at local midnight, a weekly one
/// on Monday at midnight (ISO weeks), a monthly one on the 1st; a total budget never resets.
/// </summary>
public static class BudgetPeriods
{
    public const string Daily = "daily";
    public const string Weekly = "weekly";
    public const string Monthly = "monthly";
    public const string Total = "total";

    public static readonly IReadOnlyList<string> All = [Daily, Weekly, Monthly, Total];

    /// <summary>The period containing <paramref name="now"/>: its start (inclusive) and end (exclusive; null for a total budget).</summary>
    public static (DateTimeOffset Start, DateTimeOffset? End) Window(string period, DateTimeOffset now, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTime(now, zone).DateTime.Date;
        var (start, end) = period switch
        {
            Daily => (local, local.AddDays(1)),
            Weekly => (local.AddDays(-(((int)local.DayOfWeek + 6) % 7)), local.AddDays(7 - (((int)local.DayOfWeek + 6) % 7))),
            Monthly => (new DateTime(local.Year, local.Month, 1), new DateTime(local.Year, local.Month, 1).AddMonths(1)),
            Total => (DateTime.MinValue, DateTime.MinValue),
            _ => throw new ArgumentOutOfRangeException(nameof(period), period, "Unknown budget period."),
        };

        return period == Total ? (DateTimeOffset.UnixEpoch, null) : (AtLocalMidnight(start, zone), AtLocalMidnight(end, zone));
    }

    /// <summary>A local midnight as an instant; where a clock change skips midnight, the first valid minute after it.</summary>
    private static DateTimeOffset AtLocalMidnight(DateTime localDate, TimeZoneInfo zone)
    {
        var candidate = DateTime.SpecifyKind(localDate, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(candidate))
        {
            candidate = candidate.AddMinutes(1);
        }

        return new DateTimeOffset(candidate, zone.GetUtcOffset(candidate)).ToUniversalTime();
    }
}
