using System.Buffers;
using System.Collections.Frozen;

namespace Hub.Scanner.Recognizers.Names;

/// <summary>
/// The name and place gazetteers of <c>Data/</c>, loaded once into two case-insensitive frozen tables: single
/// words and multi-word phrases ("new york", "st. louis"), each mapped to its <see cref="WordClass"/> flags.
/// Lookups take spans of the scanned text and allocate nothing. Immutable after construction, so one instance
/// serves every scan (about 110,000 entries; loading takes tens of milliseconds).
/// </summary>
internal sealed class NameLexicon
{
    /// <summary>The longest phrase key, in characters; longer spans are never looked up.</summary>
    public const int MaxPhraseChars = 48;

    private static readonly SearchValues<char> PhraseBreaks = SearchValues.Create(" .'’,");

    private readonly FrozenDictionary<string, WordClass>.AlternateLookup<ReadOnlySpan<char>> words;
    private readonly FrozenDictionary<string, WordClass>.AlternateLookup<ReadOnlySpan<char>> phrases;

    public NameLexicon()
    {
        var wordTable = new Dictionary<string, WordClass>(StringComparer.OrdinalIgnoreCase);
        var phraseTable = new Dictionary<string, WordClass>(StringComparer.OrdinalIgnoreCase);
        void Add(string entry, WordClass classes)
        {
            if (entry.Contains(' ', StringComparison.Ordinal) || entry.Contains('.', StringComparison.Ordinal))
            {
                if (entry.Length > MaxPhraseChars)
                {
                    return;
                }

                phraseTable[entry] = phraseTable.GetValueOrDefault(entry) | classes;
                // The tokenizer ends a word before a possessive ("Jehovah's"), so the phrase starts at the bare word.
                var first = entry.AsSpan(0, entry.AsSpan().IndexOfAny(PhraseBreaks)).ToString();
                wordTable[first] = wordTable.GetValueOrDefault(first) | WordClass.PhraseStart;
                return;
            }

            wordTable[entry] = wordTable.GetValueOrDefault(entry) | classes;
        }

        foreach (var (file, classes) in Files)
        {
            foreach (var line in ReadLines(file))
            {
                var entry = line;
                var entryClasses = classes;
                if (classes == WordClass.Honorific && entry.EndsWith('*'))
                {
                    entry = entry[..^1];
                    entryClasses |= WordClass.WeakHonorific;
                }
                else if ((classes & WordClass.Place) != 0 && entry.Replace(".", "", StringComparison.Ordinal).Length <= 3)
                {
                    entryClasses |= WordClass.ShortPlace;
                }

                Add(entry, entryClasses);
            }
        }

        foreach (var line in ReadLines("street-words.txt"))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (line.StartsWith("prefix ", StringComparison.Ordinal))
            {
                Add(line[(space + 1)..], WordClass.StreetPrefix);
            }
        }

        StreetEndings = [.. ReadLines("street-words.txt")
            .Where(line => line.StartsWith("ending ", StringComparison.Ordinal))
            .Select(line => line["ending ".Length..])];

        // Assistant and product names ("Claude", "Gemini") and pronouns that the extracted lists carry as names or places.
        const WordClass notNames = WordClass.Name | WordClass.Place;
        foreach (var entry in ReadLines("not-names.txt"))
        {
            if (wordTable.TryGetValue(entry, out var classes))
            {
                wordTable[entry] = (classes & ~notNames) | WordClass.Common;
            }
        }

        words = wordTable.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
        phrases = phraseTable.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>One-word street names end with these ("Hauptstraße", "Kalverstraat"), lower case.</summary>
    public IReadOnlyList<string> StreetEndings { get; }

    private static (string File, WordClass Classes)[] Files =>
    [
        ("first-names.txt", WordClass.FirstName),
        ("first-names-extra.txt", WordClass.FirstName),
        ("surnames.txt", WordClass.Surname),
        ("surnames-extra.txt", WordClass.Surname),
        ("common-words.txt", WordClass.Common),
        ("function-words.txt", WordClass.Function),
        ("cities.txt", WordClass.City),
        ("major-cities.txt", WordClass.City | WordClass.MajorCity),
        ("countries.txt", WordClass.Country),
        ("regions.txt", WordClass.Region),
        ("places-extra.txt", WordClass.Country),
        ("demonyms.txt", WordClass.Demonym),
        ("ethnicities.txt", WordClass.Ethnicity),
        ("religions.txt", WordClass.Religion),
        ("political-groups.txt", WordClass.Political),
        ("honorifics.txt", WordClass.Honorific),
        ("street-suffixes.txt", WordClass.StreetSuffix),
        ("postal-regions.txt", WordClass.StateCode),
        ("organisation-words.txt", WordClass.Organisation),
    ];

    public WordClass Classify(ReadOnlySpan<char> word) => words.TryGetValue(word, out var classes) ? classes : WordClass.None;

    /// <summary>
    /// Looks up a phrase of several tokens, written with any whitespace between them ("New\nYork" is "new york").
    /// </summary>
    public WordClass ClassifyPhrase(ReadOnlySpan<char> text)
    {
        if (text.Length > MaxPhraseChars * 2)
        {
            return WordClass.None;
        }

        Span<char> key = stackalloc char[MaxPhraseChars];
        var length = 0;
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = length > 0;
                continue;
            }

            if (length + (pendingSpace ? 2 : 1) > key.Length)
            {
                return WordClass.None;
            }

            if (pendingSpace)
            {
                key[length++] = ' ';
                pendingSpace = false;
            }

            key[length++] = c;
        }

        return phrases.TryGetValue(key[..length], out var classes) ? classes : WordClass.None;
    }

    private static IEnumerable<string> ReadLines(string file)
    {
        var assembly = typeof(NameLexicon).Assembly;
        var name = Array.Find(assembly.GetManifestResourceNames(), n => n.EndsWith("." + file, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"The gazetteer resource {file} is not embedded in {assembly.GetName().Name}.");
        using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
        while (reader.ReadLine() is { } line)
        {
            var trimmed = line.Trim();
            if (trimmed.Length > 0 && trimmed[0] != '#')
            {
                yield return trimmed;
            }
        }
    }
}
