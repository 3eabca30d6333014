using System.Buffers;

namespace Hub.Scanner.Recognizers.Secrets;

/// <summary>
/// Tells a real secret value from a placeholder, a variable reference or an ordinary word, by its
/// character classes and Shannon entropy (the detect-secrets idea). Random 16-character base62
/// strings have an entropy near 3.8 bits per character; English words and placeholders stay below 3.
/// </summary>
internal static class SecretValueShape
{
    private static readonly SearchValues<char> Base64 = SearchValues.Create("+/0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    /// <summary>Lower-case fragments that mark documentation values, not secrets.</summary>
    private static readonly SearchValues<string> PlaceholderWords = SearchValues.Create(
        ["example", "placeholder", "your_", "your-", "yourkey", "changeme", "change_me", "redacted", "replace", "dummy", "xxxx", "****", "...", "<", "${", "{{", "process.env", "getenv", "environ"],
        StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// AWS documents its keys with the literal EXAMPLE (<c>AKIAIOSFODNN7EXAMPLE</c>, <c>…/bPxRfiCYEXAMPLEKEY</c>). Only
    /// free-form high-entropy strings use this to stay quiet: a value in a key's exact format is still
    /// redacted, since a gateway loses nothing by hiding a sample and test data often uses these very keys.
    /// </summary>
    public static bool IsDocumentationExample(ReadOnlySpan<char> value) => value.Contains("EXAMPLE", StringComparison.Ordinal);

    /// <summary>At least two of upper case, lower case and digits.</summary>
    public static bool LooksRandom(ReadOnlySpan<char> value)
    {
        var classes = Classes(value);
        return (classes & 1) + ((classes >> 1) & 1) + ((classes >> 2) & 1) >= 2;
    }

    /// <summary>Eight or more of one character in a row: <c>XXXXXXXX</c>, <c>00000000</c>.</summary>
    public static bool HasLongRepeat(ReadOnlySpan<char> value)
    {
        var run = 1;
        for (var i = 1; i < value.Length; i++)
        {
            run = value[i] == value[i - 1] ? run + 1 : 1;
            if (run >= 8)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether the value of <c>name=value</c> is a plausible secret: not a placeholder, reference,
    /// path, boolean or word, long enough, and mixed or random enough.
    /// </summary>
    public static bool IsPlausible(ReadOnlySpan<char> value, bool password)
    {
        if (value.Length < (password ? 6 : 10) || value.Length > 500 || "$%{[(<*#/\\~@-".Contains(value[0])
            || value.IndexOfAny(PlaceholderWords) >= 0 || HasLongRepeat(value) || value.IndexOf('(') >= 0 || IsDottedIdentifier(value))
        {
            return false;
        }

        var classes = Classes(value);
        var kinds = (classes & 1) + ((classes >> 1) & 1) + ((classes >> 2) & 1) + ((classes >> 3) & 1);
        var entropy = Entropy(value);
        if (password)
        {
            return (kinds >= 2 && entropy >= 2.0) || (value.Length >= 12 && entropy >= 3.0);
        }

        // Letters only (YourApiKeyHere): real keys of that shape are long and unseparated.
        if ((classes & 0b1100) == 0)
        {
            return value.Length >= 16 && kinds >= 2 && value.IndexOfAny('-', '_', '.') < 0 && entropy >= 3.5;
        }

        return kinds >= 2 && entropy >= 2.8;
    }

    /// <summary>40 base64 characters that mix upper case, lower case and digits or symbols (not hex, not a word).</summary>
    public static bool IsAwsSecretShape(ReadOnlySpan<char> value)
    {
        if (value.Length != 40 || value.IndexOfAnyExcept(Base64) >= 0)
        {
            return false;
        }

        var classes = Classes(value);
        return (classes & 0b0011) == 0b0011 && (classes & 0b1100) != 0 && !HasLongRepeat(value) && Entropy(value) >= 3.5;
    }

    /// <summary>Shannon entropy in bits per character (non-ASCII characters share one bucket).</summary>
    public static double Entropy(ReadOnlySpan<char> value)
    {
        Span<int> counts = stackalloc int[129];
        counts.Clear();
        foreach (var c in value)
        {
            counts[Math.Min((int)c, 128)]++;
        }

        var entropy = 0.0;
        foreach (var count in counts)
        {
            if (count > 0)
            {
                var p = (double)count / value.Length;
                entropy -= p * Math.Log2(p);
            }
        }

        return entropy;
    }

    /// <summary>Bit 0 upper, bit 1 lower, bit 2 digit, bit 3 other symbol (not <c>_ - .</c>).</summary>
    private static int Classes(ReadOnlySpan<char> value)
    {
        var classes = 0;
        foreach (var c in value)
        {
            classes |= char.IsAsciiLetterUpper(c) ? 1
                : char.IsAsciiLetterLower(c) ? 2
                : char.IsAsciiDigit(c) ? 4
                : c is '_' or '-' or '.' ? 0
                : 8;
        }

        return classes;
    }

    /// <summary><c>process.env.API_KEY</c>, <c>settings.SecretKey</c>: a reference, not a value.</summary>
    private static bool IsDottedIdentifier(ReadOnlySpan<char> value)
    {
        var dot = value.IndexOf('.');
        if (dot <= 0 || dot == value.Length - 1 || !char.IsAsciiLetter(value[0]) || !char.IsAsciiLetter(value[dot + 1]))
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not '_' and not '.')
            {
                return false;
            }
        }

        return true;
    }
}
