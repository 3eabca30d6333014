using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using Hub.Core.Policies;
using Microsoft.Extensions.Caching.Memory;

namespace Hub.Scanner.Recognizers.Custom;

/// <summary>
/// Compiles tenants' patterns exactly as Hub.Core's <see cref="CustomPatternCompiler"/> does (the rules
/// Hub.Admin saves policies under) and keeps them: the same policy arrives with every request, and
/// compiling costs far more than matching.
/// </summary>
internal sealed class CustomRegexCache : ICustomPatternCompiler, IDisposable
{
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 2048 });

    public bool TryCompile(string pattern, [NotNullWhen(true)] out Regex? regex, [NotNullWhen(false)] out string? problem)
    {
        if (cache.TryGetValue(pattern, out regex) && regex is not null)
        {
            problem = null;
            return true;
        }

        if (!CustomPatternCompiler.TryCreate(pattern, out regex, out problem))
        {
            return false;
        }

        cache.Set(pattern, regex, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromHours(1) });
        return true;
    }

    public void Dispose() => cache.Dispose();
}
