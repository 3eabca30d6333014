using System.Globalization;

namespace Hub.Core.Audit;

/// <summary>
/// Names and ranges of the monthly partitions of <c>audit_events</c>: <c>audit_events_rYYYY_MM</c>
/// holds the rows whose retain_until falls in that UTC month (migration 0003).
/// </summary>
public static class AuditPartitions
{
    private const string Prefix = "audit_events_r";

    /// <summary>The first day of the UTC month of <paramref name="instant"/>.</summary>
    public static DateOnly MonthOf(DateTimeOffset instant)
    {
        var utc = instant.UtcDateTime;
        return new DateOnly(utc.Year, utc.Month, 1);
    }

    public static string Name(DateOnly month) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}{month.Year:D4}_{month.Month:D2}");

    /// <summary>The month a partition name stands for; null for any other table name.</summary>
    public static DateOnly? MonthOf(string partitionName)
    {
        ArgumentNullException.ThrowIfNull(partitionName);
        if (partitionName.Length != Prefix.Length + 7 || !partitionName.StartsWith(Prefix, StringComparison.Ordinal)
            || partitionName[Prefix.Length + 4] != '_'
            || !int.TryParse(partitionName.AsSpan(Prefix.Length, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(partitionName.AsSpan(Prefix.Length + 5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            || year < 1 || month is < 1 or > 12)
        {
            return null;
        }

        return new DateOnly(year, month, 1);
    }

    /// <summary>The exclusive upper bound of a month's partition: its rows have all expired from then on.</summary>
    public static DateTimeOffset EndOf(DateOnly month) =>
        new(month.AddMonths(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
