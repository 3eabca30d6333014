using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Hub.Core.Policies;

/// <summary>Turns a tenant's pattern into a regex, or into the reason it cannot be one.</summary>
public interface ICustomPatternCompiler
{
    bool TryCompile(string pattern, [NotNullWhen(true)] out Regex? regex, [NotNullWhen(false)] out string? problem);
}

/// <summary>
/// The one way a tenant's pattern becomes a regex, so that a pattern Hub.Admin accepts at save time is
/// exactly one Hub.Scanner can run, and vice versa. The non-backtracking engine is linear in the input
/// whatever the pattern (no catastrophic backtracking, no ReDoS), and the match timeout is a second guard.
/// This compiler keeps nothing; the scanner wraps it in a cache because the same policy arrives with
/// every request.
/// </summary>
public sealed class CustomPatternCompiler : ICustomPatternCompiler
{
    public const RegexOptions Options = RegexOptions.NonBacktracking | RegexOptions.CultureInvariant;

    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(250);

    public bool TryCompile(string pattern, [NotNullWhen(true)] out Regex? regex, [NotNullWhen(false)] out string? problem) =>
        TryCreate(pattern, out regex, out problem);

    public static bool TryCreate(string pattern, [NotNullWhen(true)] out Regex? regex, [NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        try
        {
            regex = new Regex(pattern, Options, MatchTimeout);
            problem = null;
            return true;
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            // Invalid syntax (RegexParseException is an ArgumentException), or a construct the
            // non-backtracking engine refuses (backreferences, lookarounds, atomic groups).
            regex = null;
            problem = $"The pattern cannot be used: {ex.Message}";
            return false;
        }
    }
}
