using System.Globalization;

namespace Hub.Gateway.RateLimits;

/// <summary>
/// Durations as OpenAI writes them in <c>x-ratelimit-reset-*</c> and in rate limit messages (Go's
/// <c>time.Duration</c> format, to the millisecond): <c>0s</c>, <c>6ms</c>, <c>20s</c>, <c>1.5s</c>,
/// <c>6m0s</c>, <c>1h2m3.004s</c>.
/// </summary>
internal static class OpenAIDuration
{
    public static string Format(long milliseconds)
    {
        if (milliseconds <= 0)
        {
            return "0s";
        }

        if (milliseconds < 1000)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{milliseconds}ms");
        }

        var hours = milliseconds / 3_600_000;
        var minutes = milliseconds / 60_000 % 60;
        var seconds = milliseconds / 1000 % 60;
        var fraction = milliseconds % 1000;
        var secondsText = fraction == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{seconds}s")
            : string.Create(CultureInfo.InvariantCulture, $"{seconds}.{fraction:000}").TrimEnd('0') + "s";
        return hours > 0 ? string.Create(CultureInfo.InvariantCulture, $"{hours}h{minutes}m{secondsText}")
            : minutes > 0 ? string.Create(CultureInfo.InvariantCulture, $"{minutes}m{secondsText}")
            : secondsText;
    }
}
