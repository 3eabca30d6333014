using System.Collections.Frozen;
using Hub.Core.Entities;

namespace Hub.Scanner.Recognizers.Names;

/// <summary>
/// NRP candidates (nationalities, religious and political groups): capitalised demonyms ("French", "Nigerians"),
/// ethnic groups ("Hispanic", "Kurdish", "Pacific Islander"), religions ("Catholic", "Muslims") and parties
/// ("Republican", "Labour Party"), singular or plural. Scores:
/// phrase 0.8, religion or party 0.75, demonym 0.7, 0.05 less at a sentence start; acronyms ("GOP") 0.6.
/// Lower case is never NRP. A demonym used as a language ("translate to French", "French translation") is
/// skipped, and so is a sentence-initial one that is also a common word ("Polish the text").
/// </summary>
internal sealed class NrpFinder : ITokenFinder
{
    private const int MaxPhraseTokens = 5;

    /// <summary>How many earlier list items ("Japanese, Korean and") a language cue may stand before.</summary>
    private const int MaxListItems = 4;

    /// <summary>Before a language name.</summary>
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> LanguageBefore = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "in", "into", "to", "from", "speak", "speaks", "spoke", "speaking", "spoken", "translate", "translated",
        "translating", "learn", "learning", "learned", "learnt", "write", "writes", "written", "writing", "fluent",
        "understand", "understands", "read", "reads", "teach", "teaches", "studying", "study", "native", "reply", "respond", "answer")
        .GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>After a language name.</summary>
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> LanguageAfter = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "language", "languages", "translation", "translations", "translator", "speaker", "speakers", "text", "texts",
        "version", "word", "words", "subtitles", "subtitle", "grammar", "keyboard", "locale", "dictionary", "teacher",
        "lesson", "lessons", "class", "classes", "course", "courses", "phrase", "phrases", "sentence", "sentences",
        "accent", "spelling", "pronunciation", "vocabulary", "alphabet", "characters", "tutor", "proficiency")
        .GetAlternateLookup<ReadOnlySpan<char>>();

    public static int TryAt(string text, ReadOnlySpan<Token> tokens, int i, NameLexicon lexicon, List<RecognizerResult> results)
    {
        var token = tokens[i];
        if (!token.Is(TokenShape.Word) || token.Is(TokenShape.Glued) || !(token.Is(TokenShape.Capitalized) || token.Is(TokenShape.AllCaps)))
        {
            return i;
        }

        if (token.Has(WordClass.PhraseStart))
        {
            for (var last = Math.Min(tokens.Length - 1, i + MaxPhraseTokens - 1); last > i; last--)
            {
                if (!tokens[last].Is(TokenShape.Word) || !tokens[last].Is(TokenShape.Capitalized))
                {
                    continue;
                }

                var span = text.AsSpan(token.Start, tokens[last].End - token.Start);
                var classes = lexicon.ClassifyPhrase(span);
                if ((classes & WordClass.Nrp) == 0 && span[^1] is 's' && span.Length > 1)
                {
                    classes = lexicon.ClassifyPhrase(span[..^1]);
                }

                if ((classes & WordClass.Nrp) != 0)
                {
                    return Report(tokens, i, i == last ? i : last, 0.8, results);
                }
            }
        }

        var word = token.In(text);
        var single = token.Classes & WordClass.Nrp;
        if (single == WordClass.None && word.Length > 3 && word[^1] is 's' && !token.Is(TokenShape.AllCaps))
        {
            single = lexicon.Classify(word[..^1]) & WordClass.Nrp;
        }

        if (single == WordClass.None || token.Is(TokenShape.CodeLike))
        {
            return i;
        }

        var religionOrParty = (single & (WordClass.Religion | WordClass.Political)) != 0;
        if (token.Is(TokenShape.AllCaps))
        {
            return (single & WordClass.Political) != 0 && word.Length <= 5 ? Report(tokens, i, i, 0.6, results) : i;
        }

        if (!religionOrParty && IsLanguageUse(text, tokens, i))
        {
            return i;
        }

        // "moving to Roma", "born in Latina": the place of the same name.
        if ((token.Has(WordClass.Place) && LocationFinder.HasCueBefore(text, tokens, i)) || IsPartOfName(text, tokens, i))
        {
            return i;
        }

        // "Polish the text" opens a sentence with a verb; a lone field value (<c>"nationality": "Polish"</c>) does not.
        var start = token.Is(TokenShape.SentenceStart);
        var alone = i + 1 >= tokens.Length || tokens[i + 1].Is(TokenShape.Punctuation);
        if (start && !alone && token.Has(WordClass.Common) && (single & WordClass.Religion) == 0)
        {
            return i;
        }

        var score = religionOrParty ? 0.75 : 0.7;
        return Report(tokens, i, i, start ? score - 0.05 : score, results);
    }

    private static bool IsLanguageUse(string text, ReadOnlySpan<Token> tokens, int i)
    {
        var hasNext = i + 1 < tokens.Length && tokens[i + 1].Is(TokenShape.Word);
        var after = hasNext && LanguageAfter.Contains(tokens[i + 1].In(text));

        // "into Japanese, Korean and Thai": the verb stands before the first of a list of languages.
        var k = i - 1;
        for (var items = 0; items < MaxListItems && k >= 1 && IsListSeparator(text, tokens[k]) && tokens[k - 1].Has(WordClass.Nrp); items++)
        {
            k -= 2;
        }

        // "sold to Chinese buyers" is the people, "translate to Chinese and Korean" the language.
        var before = k >= 0 && tokens[k].Is(TokenShape.Word) && LanguageBefore.Contains(tokens[k].In(text))
            && !(hasNext && tokens[i + 1].Is(TokenShape.Lower) && !tokens[i + 1].Has(WordClass.Function));
        return before || after;
    }

    private static bool IsListSeparator(string text, Token token) =>
        token.IsPunctuation(text, ',') || (token.Is(TokenShape.Word) && token.In(text) is "and" or "or");

    /// <summary>
    /// "Parisa Ahmadi", "Ahmadi, Parisa", "Philippine Maillard": a group word that is also a surname after a given
    /// name (or before ", Given"), or also a given name before a surname, is part of a person's name.
    /// </summary>
    private static bool IsPartOfName(string text, ReadOnlySpan<Token> tokens, int i)
    {
        var token = tokens[i];
        if (token.Has(WordClass.Surname))
        {
            var afterGiven = i >= 1 && IsKnownName(tokens[i - 1], WordClass.FirstName) && !token.Is(TokenShape.NewlineBefore) && token.Is(TokenShape.SpaceBefore);
            var beforeGiven = i + 2 < tokens.Length && tokens[i + 1].IsPunctuation(text, ',') && IsKnownName(tokens[i + 2], WordClass.FirstName);
            if (afterGiven || beforeGiven)
            {
                return true;
            }
        }

        return token.Has(WordClass.FirstName) && i + 1 < tokens.Length && IsKnownName(tokens[i + 1], WordClass.Surname)
            && AddressWords.IsSpacedOnLine(tokens[i + 1]);
    }

    private static bool IsKnownName(Token token, WordClass classes) =>
        token.IsProperShaped && token.Has(classes) && !token.Has(WordClass.Nrp | WordClass.Place | WordClass.Common);

    private static int Report(ReadOnlySpan<Token> tokens, int first, int last, double score, List<RecognizerResult> results) =>
        TokenWalk.Report(EntityNames.Nrp, tokens, first, last, score, results);
}
