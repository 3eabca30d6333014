using System.Buffers;
using System.Collections.Frozen;

namespace Hub.Scanner.Recognizers.Names;

/// <summary>The word sets and number shapes every address family uses.</summary>
internal static class AddressWords
{
    public static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Units = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "apt", "apartment", "suite", "ste", "unit", "flat", "floor", "fl", "room", "rm", "bldg", "building", "dept", "#")
        .GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Lower-case words inside a street or town name ("rue de la Paix", "Unter den Linden", "Frankfurt am Main").</summary>
    public static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Particles = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "de", "du", "des", "la", "le", "les", "l", "d", "del", "della", "dei", "degli", "delle", "di", "da", "do", "dos", "das", "the", "of",
        "y", "e", "et", "und", "den", "der", "van", "am", "an", "im", "auf", "sur", "sous", "upon", "op", "aan", "het")
        .GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Opening quotes and brackets: a house number may follow them without a space (<c>"address": "12 Main St"</c>).</summary>
    private static readonly SearchValues<char> Openers = SearchValues.Create("(\"'“‘«[>");

    public static bool IsHouseNumber(string text, ReadOnlySpan<Token> tokens, int i)
    {
        var token = tokens[i];
        if (token.Length > 6 || (i > 0 && !token.Is(TokenShape.SpaceBefore) && !(tokens[i - 1].Is(TokenShape.Punctuation) && Openers.Contains(text[tokens[i - 1].Start]))))
        {
            return false;
        }

        // "221B" and "12a" are house numbers, "5th" is not.
        var letters = 0;
        for (var k = token.Start; k < token.End; k++)
        {
            letters += char.IsLetter(text[k]) ? 1 : 0;
        }

        if (letters > 1 || token.End >= text.Length)
        {
            return letters <= 1;
        }

        // "12%", "12:30", "12.5", "1,600" are no house numbers.
        var after = text[token.End];
        return after != '%' && !(after is ':' or '.' or ',' && token.End + 1 < text.Length && char.IsDigit(text[token.End + 1]));
    }

    /// <summary>A house number after the street name: up to four digits and a letter, on the same line.</summary>
    public static bool IsHouseNumberAfterName(ReadOnlySpan<Token> tokens, int k) =>
        k < tokens.Length && tokens[k].Is(TokenShape.Number) && tokens[k].Is(TokenShape.SpaceBefore) && tokens[k].Length <= 4 && !tokens[k].Is(TokenShape.NewlineBefore);

    /// <summary>"Apt 4B, 123 Main St", "Flat 3, 10 Downing Street": the unit before the street.</summary>
    public static int UnitBefore(string text, ReadOnlySpan<Token> tokens, int i)
    {
        var k = i - 1;
        if (k >= 0 && tokens[k].IsPunctuation(text, ','))
        {
            k--;
        }

        return k >= 1 && k < i && (tokens[k].Is(TokenShape.Number) || tokens[k].Length <= 3) && Units.Contains(tokens[k - 1].In(text)) && tokens[k - 1].Is(TokenShape.Capitalized)
            ? k - 1
            : i;
    }

    /// <summary>A token on the same line as the one before it, after a space.</summary>
    public static bool IsSpacedOnLine(Token token) => token.Is(TokenShape.SpaceBefore) && !token.Is(TokenShape.NewlineBefore);

    public static bool IsDigits(ReadOnlySpan<char> value) => !value.ContainsAnyExceptInRange('0', '9');
}
