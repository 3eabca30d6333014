using System.Text.RegularExpressions;
using Microsoft.Extensions.Caching.Memory;

namespace Hub.Scanner.Recognizers.Custom;

/// <summary>
/// Compiles tenants' patterns with the non-backtracking engine (linear time in the input, whatever
/// the pattern: no catastrophic backtracking is possible) plus a match timeout as a second guard, and
/// keeps them: the same policy arrives with every request, and compiling costs far more than matching.
/// </summary>
internal sealed class CustomRegexCache : IDisposable
{
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(250);

    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 2048 });

    /// <summary>The compiled pattern, or null and the reason it cannot be used.</summary>
    public (Regex? Regex, string? Problem) GetOrCompile(string pattern)
    {
        if (cache.TryGetValue(pattern, out Regex? cached))
        {
            return (cached, null);
        }

        try
        {
            var regex = new Regex(pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant, MatchTimeout);
            cache.Set(pattern, regex, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromHours(1) });
            return (regex, null);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            // Invalid syntax, or a construct the non-backtracking engine refuses (backreferences, lookarounds).
            return (null, $"The pattern cannot be used: {ex.Message}");
        }
    }

    public void Dispose() => cache.Dispose();
}
