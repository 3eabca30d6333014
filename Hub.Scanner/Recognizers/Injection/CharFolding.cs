using System.Globalization;

namespace Hub.Scanner.Recognizers.Injection;

/// <summary>
/// Folds one character to the lower-case ASCII letter a reader would see, so that disguised words
/// read as plain ones: full-width and other compatibility forms (<c>ｉｇｎｏｒｅ</c>), accents
/// (<c>ïgnörë</c>), Cyrillic and Greek look-alikes (<c>іgnоrе</c> with Cyrillic і, о, е), small capitals,
/// mathematical letters (<c>𝐢𝐠𝐧𝐨𝐫𝐞</c>). Invisible characters (zero-width, bidi controls, soft hyphens,
/// variation selectors, combining marks) fold to <see cref="Invisible"/> so a word split by them reads whole.
/// </summary>
/// <remarks>
/// One table lookup per character on the hot path: the table covers the Basic Multilingual Plane and is
/// built once. Hub runs with invariant globalization, where <c>string.Normalize</c> leaves non-ASCII text
/// alone, so the compatibility decompositions come from <c>Data/fold-table.txt</c> (generated from the
/// Unicode database by <c>Data/build-fold-table.py</c>); the confusables are listed below.
/// </remarks>
internal static class CharFolding
{
    /// <summary>What an invisible character folds to: it is skipped, not a word break.</summary>
    public const char Invisible = '\0';

    private const string FoldTableResource = "Hub.Scanner.Recognizers.Injection.Data.fold-table.txt";

    public static char Fold(char c) => Table[c];

    /// <summary>
    /// Folds a code point above U+FFFF: mathematical alphanumerics and enclosed or squared letters to ASCII;
    /// Unicode tag characters, which render as nothing but smuggle ASCII text past a human reader, to the
    /// ASCII they encode. Anything else (emoji, other scripts) reads as a space.
    /// </summary>
    public static char FoldAstral(int codePoint) => codePoint switch
    {
        _ when Astral.TryGetValue(codePoint, out var folded) => folded,
        >= 0x1F150 and <= 0x1F169 => (char)('a' + (codePoint - 0x1F150)),
        >= 0x1F170 and <= 0x1F189 => (char)('a' + (codePoint - 0x1F170)),
        >= 0x1F1E6 and <= 0x1F1FF => (char)('a' + (codePoint - 0x1F1E6)),
        >= 0xE0020 and <= 0xE007E => Table[codePoint - 0xE0000],
        >= 0xE0000 and <= 0xE007F or >= 0xE0100 and <= 0xE01EF => Invisible,
        _ => ' ',
    };

    private static (char[] Bmp, Dictionary<int, char> Astral) Build()
    {
        var table = new char[char.MaxValue + 1];
        for (var c = 0; c <= char.MaxValue; c++)
        {
            table[c] = IsInvisible((char)c) ? Invisible : char.ToLowerInvariant((char)c);
        }

        var astral = new Dictionary<int, char>();
        using var stream = typeof(CharFolding).Assembly.GetManifestResourceStream(FoldTableResource)
            ?? throw new InvalidOperationException($"{FoldTableResource} is missing from Hub.Scanner.");
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var codePoint = int.Parse(line.AsSpan(0, line.IndexOf(' ', StringComparison.Ordinal)), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
            var letter = line[^1];
            if (codePoint <= char.MaxValue)
            {
                table[codePoint] = letter;
            }
            else
            {
                astral[codePoint] = letter;
            }
        }

        // Look-alikes from other scripts, upper and lower case (after lower-casing, Greek Ν would read ν, a v).
        foreach (var (confusable, letter) in Confusables)
        {
            table[confusable] = letter;
        }

        return (table, astral);
    }

    private static bool IsInvisible(char c) =>
        c >= 128 && !char.IsSurrogate(c)
        && (char.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark
            || c is '\u115F' or '\u1160' or '\u3164' or '\uFFA0' or '\u180E');

    /// <summary>Letters from other scripts that render like Latin ones.</summary>
    private static readonly (char Confusable, char Letter)[] Confusables =
    [
        // Cyrillic, lower and upper case
        ('а', 'a'), ('в', 'b'), ('е', 'e'), ('ё', 'e'), ('к', 'k'), ('м', 'm'), ('н', 'h'), ('о', 'o'), ('р', 'p'),
        ('с', 'c'), ('т', 't'), ('у', 'y'), ('х', 'x'), ('ѕ', 's'), ('і', 'i'), ('ї', 'i'), ('ј', 'j'), ('ԁ', 'd'),
        ('ԛ', 'q'), ('ԝ', 'w'), ('һ', 'h'), ('ӏ', 'l'), ('ո', 'n'), ('ց', 'g'), ('ս', 'u'),
        ('А', 'a'), ('В', 'b'), ('Е', 'e'), ('К', 'k'), ('М', 'm'), ('Н', 'h'), ('О', 'o'), ('Р', 'p'), ('С', 'c'),
        ('Т', 't'), ('У', 'y'), ('Х', 'x'), ('Ѕ', 's'), ('І', 'i'), ('Ј', 'j'),

        // Greek, lower and upper case
        ('α', 'a'), ('β', 'b'), ('γ', 'y'), ('ε', 'e'), ('η', 'n'), ('ι', 'i'), ('κ', 'k'), ('ν', 'v'), ('ο', 'o'),
        ('ρ', 'p'), ('τ', 't'), ('υ', 'u'), ('χ', 'x'), ('ω', 'w'), ('ϲ', 'c'), ('ϳ', 'j'), ('ά', 'a'), ('έ', 'e'),
        ('ί', 'i'), ('ό', 'o'), ('ύ', 'u'), ('Α', 'a'), ('Β', 'b'), ('Ε', 'e'), ('Ζ', 'z'), ('Η', 'h'), ('Ι', 'i'),
        ('Κ', 'k'), ('Μ', 'm'), ('Ν', 'n'), ('Ο', 'o'), ('Ρ', 'p'), ('Τ', 't'), ('Υ', 'y'), ('Χ', 'x'),

        // Latin look-alikes: dotless i, small capitals, script g
        ('ı', 'i'), ('ɡ', 'g'), ('ᴀ', 'a'), ('ʙ', 'b'), ('ᴄ', 'c'), ('ᴅ', 'd'), ('ᴇ', 'e'), ('ɢ', 'g'), ('ʜ', 'h'),
        ('ɪ', 'i'), ('ᴊ', 'j'), ('ᴋ', 'k'), ('ʟ', 'l'), ('ᴍ', 'm'), ('ɴ', 'n'), ('ᴏ', 'o'), ('ᴘ', 'p'), ('ʀ', 'r'),
        ('ꜱ', 's'), ('ᴛ', 't'), ('ᴜ', 'u'), ('ᴠ', 'v'), ('ᴡ', 'w'), ('ʏ', 'y'), ('ᴢ', 'z'),
    ];

    // Last: static fields initialise in order, and the tables need the confusables.
    private static readonly (char[] Bmp, Dictionary<int, char> Astral) Tables = Build();

    private static char[] Table => Tables.Bmp;

    private static Dictionary<int, char> Astral => Tables.Astral;
}
