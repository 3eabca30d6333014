namespace Hub.Scanner.Checksums;

/// <summary>The Luhn (mod-10) check used by payment cards (ISO/IEC 7812-1).</summary>
internal static class Luhn
{
    /// <summary>True when the digits of <paramref name="value"/> pass Luhn; spaces and dashes are skipped, anything else fails.</summary>
    public static bool IsValid(ReadOnlySpan<char> value)
    {
        var sum = 0;
        var digits = 0;
        var doubled = false;
        for (var i = value.Length - 1; i >= 0; i--)
        {
            var c = value[i];
            if (c is ' ' or '-')
            {
                continue;
            }

            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            var d = c - '0';
            if (doubled)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            doubled = !doubled;
            digits++;
        }

        return digits > 1 && sum % 10 == 0;
    }
}
