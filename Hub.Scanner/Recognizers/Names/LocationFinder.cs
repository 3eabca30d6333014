using System.Collections.Frozen;
using Hub.Core.Entities;

namespace Hub.Scanner.Recognizers.Names;

/// <summary>
/// LOCATION candidates: gazetteer countries, regions and cities, the longest phrase first ("Rio de Janeiro",
/// "United States of America"). How sure a match is depends on the word and on a cue ("in", "from", "to",
/// "near", "moved to", or a following ", France" / ", IL"):
/// <list type="table">
/// <item><term>country, region or major city, not a common word or name</term><description>0.75, cue 0.85</description></item>
/// <item><term>smaller city, not a common word or name</term><description>0.55 (0.45 at a sentence start), cue 0.75</description></item>
/// <item><term>also a given name or surname ("Jordan", "Victoria")</term><description>cue 0.7 (major) or 0.6, otherwise 0.45 / none</description></item>
/// <item><term>also a common word ("Reading", "Nice", "Mobile", "China")</term><description>only capitalised mid-sentence: major 0.6, with a cue 0.75; smaller cities need a cue: 0.55</description></item>
/// <item><term>lower case ("moving to london")</term><description>countries and major cities that are no common word or name, after a cue: 0.5</description></item>
/// <item><term>an unknown capitalised word before ", IL" (a state code)</term><description>0.6</description></item>
/// </list>
/// Never a place: one or two capitals that are no country ("PO", "OF"), or a place naming an organisation
/// ("Boston University", "Phoenix Financial").
/// </summary>
internal sealed class LocationFinder : ITokenFinder
{
    /// <summary>The most tokens a place phrase spans ("Washington , D . C ." is 7).</summary>
    private const int MaxPhraseTokens = 8;

    /// <summary>Month names that are also towns in the gazetteer (March, May, …): read as months.</summary>
    private static readonly string[] Months =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    /// <summary>Words right before a place ("the" between them is skipped: "in the Netherlands").</summary>
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Cues = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "in", "from", "to", "at", "near", "around", "outside", "across", "via", "into", "towards", "toward", "visit",
        "visiting", "visited", "born", "based", "live", "lives", "living", "lived", "moved", "moving", "relocated",
        "relocating", "travel", "travelling", "traveling", "flew", "fly", "flying", "headquartered", "located", "resident",
        "resides", "residing", "throughout", "within", "between", "downtown", "northern", "southern", "eastern", "western",
        "central", "city", "town", "state", "province", "county", "country", "village", "capital", "citizen", "office")
        .GetAlternateLookup<ReadOnlySpan<char>>();

    public static int TryAt(string text, ReadOnlySpan<Token> tokens, int i, NameLexicon lexicon, List<RecognizerResult> results)
    {
        var token = tokens[i];
        if (!token.Is(TokenShape.Word) || token.Is(TokenShape.CodeLike | TokenShape.Glued)
            || (token.Has(WordClass.Function) && !token.Is(TokenShape.AllCaps) && !token.Has(WordClass.PhraseStart)))
        {
            return i;
        }

        var cue = HasCueBefore(text, tokens, i);
        if (token.Has(WordClass.PhraseStart) && (token.Is(TokenShape.Capitalized) || token.Is(TokenShape.AllCaps) || cue))
        {
            for (var last = Math.Min(tokens.Length - 1, i + MaxPhraseTokens - 1); last > i; last--)
            {
                var classes = PhraseClasses(text, tokens, i, last, lexicon);
                if ((classes & WordClass.Place) == 0)
                {
                    continue;
                }

                var major = (classes & (WordClass.MajorCity | WordClass.Country | WordClass.Region)) != 0;
                var score = token.Is(TokenShape.Lower) ? 0.5 : (major, cue || HasCueAfter(text, tokens, last)) switch
                {
                    (true, true) => 0.85,
                    (true, false) => 0.8,
                    (false, true) => 0.8,
                    (false, false) => 0.7,
                };
                return TokenWalk.IsOrganisationAfter(tokens, last) ? last + 2 : Report(tokens, i, last, score, results);
            }
        }

        var single = Score(text, tokens, i, cue);
        if (single > 0)
        {
            return TokenWalk.IsOrganisationAfter(tokens, i) ? i + 2 : Report(tokens, i, i, single, results);
        }

        return i;
    }

    private static double Score(string text, ReadOnlySpan<Token> tokens, int i, bool cueBefore)
    {
        var token = tokens[i];
        if (!token.Has(WordClass.Place))
        {
            return IsTownBeforeStateCode(text, tokens, i) ? 0.6 : 0;
        }

        // "UK", "US" are countries; "PO" (in "PO-4471") or "OF" in capitals are a code or a shout, not a town.
        if (token.Has(WordClass.ShortPlace))
        {
            return token.Is(TokenShape.AllCaps) && (token.Length > 2 || token.Has(WordClass.Country)) ? 0.7 : 0;
        }

        // "in March", "by May": the month, not the town of March or May.
        if (IsMonth(token.In(text)))
        {
            return 0;
        }

        var cue = cueBefore || HasCueAfter(text, tokens, i);
        var strongCue = cueBefore && !PreviousWordIs(text, tokens, i, "of");
        var major = token.Has(WordClass.MajorCity | WordClass.Country | WordClass.Region);
        var common = token.Has(WordClass.Common);
        // A place that is also a given name ("Jordan", "Victoria") needs a cue; a well-known one that is also a surname
        // ("London") does not, but a small town that is also a surname ("Garcia") does.
        var name = token.Has(major ? WordClass.FirstName | WordClass.Nrp : WordClass.Name | WordClass.Nrp);
        var start = token.Is(TokenShape.SentenceStart);
        if (token.Is(TokenShape.Lower))
        {
            // "moving to london": lower case only after a cue, and not for a country that is also a given name ("jordan").
            return major && !common && !token.Has(WordClass.Nrp) && !(token.Has(WordClass.FirstName) && token.Has(WordClass.Country)) && strongCue && token.Length >= 4 ? 0.5 : 0;
        }

        if (!token.Is(TokenShape.Capitalized) && !token.Is(TokenShape.AllCaps))
        {
            return 0;
        }

        return (major, common, name) switch
        {
            (true, false, false) => cue ? 0.85 : 0.75,
            (false, false, false) => cue ? 0.75 : start ? 0.45 : 0.55,
            (true, false, true) => cue ? 0.7 : 0.45,
            (false, false, true) => strongCue ? 0.6 : 0,
            (true, true, _) => start ? (strongCue ? 0.75 : 0) : cue ? 0.75 : 0.6,
            (false, true, _) => strongCue && !start ? 0.55 : 0,
        };
    }

    /// <summary>"Smallville, KS": an unknown capitalised word, a comma and a US, Canadian or Australian state code.</summary>
    private static bool IsTownBeforeStateCode(string text, ReadOnlySpan<Token> tokens, int i) =>
        tokens[i].IsProperShaped && !tokens[i].Has(WordClass.Common | WordClass.Name | WordClass.Honorific | WordClass.StreetSuffix)
        && i + 2 < tokens.Length && tokens[i + 1].IsPunctuation(text, ',') && IsStateCode(tokens[i + 2]);

    private static bool IsStateCode(Token token) => token.Has(WordClass.StateCode) && token.Is(TokenShape.AllCaps);

    internal static WordClass PhraseClasses(string text, ReadOnlySpan<Token> tokens, int first, int last, NameLexicon lexicon)
    {
        // A phrase ends in a word or a full stop ("D.C."), never crosses a line break.
        var end = tokens[last];
        if (!end.Is(TokenShape.Word) && !end.IsPunctuation(text, '.'))
        {
            return WordClass.None;
        }

        for (var k = first + 1; k <= last; k++)
        {
            if (tokens[k].Is(TokenShape.NewlineBefore))
            {
                return WordClass.None;
            }
        }

        return tokens[first].Has(WordClass.PhraseStart) ? lexicon.ClassifyPhrase(text.AsSpan(tokens[first].Start, end.End - tokens[first].Start)) : WordClass.None;
    }

    internal static bool HasCueBefore(string text, ReadOnlySpan<Token> tokens, int i)
    {
        // A cue on the line before is a heading or a CSV header ("dob,state" then "Lorena,Osinski,…"), not a cue.
        if (tokens[i].Is(TokenShape.NewlineBefore))
        {
            return false;
        }

        var k = i - 1;
        if (k >= 0 && tokens[k].Is(TokenShape.Word) && tokens[k].In(text).Equals("the", StringComparison.OrdinalIgnoreCase))
        {
            k--;
        }

        // "in Europe and Asia", "Paris, Lyon": the place before counts as the cue.
        var joined = k >= 1 && (tokens[k].IsPunctuation(text, ',') || tokens[k].IsPunctuation(text, '&')
            || (tokens[k].Is(TokenShape.Word) && (tokens[k].In(text) is "and" or "or")));
        if (joined && tokens[k - 1].Has(WordClass.Place) && tokens[k - 1].Is(TokenShape.Capitalized))
        {
            return true;
        }

        return k >= 0 && tokens[k].Is(TokenShape.Word) && Cues.Contains(tokens[k].In(text));
    }

    /// <summary>", France", ", California", ", IL" after the candidate.</summary>
    private static bool HasCueAfter(string text, ReadOnlySpan<Token> tokens, int last) =>
        last + 2 < tokens.Length && tokens[last + 1].IsPunctuation(text, ',')
        && (IsStateCode(tokens[last + 2]) || (tokens[last + 2].IsProperShaped && tokens[last + 2].Has(WordClass.Country | WordClass.Region) && !tokens[last + 2].Has(WordClass.Common)));

    private static bool IsMonth(ReadOnlySpan<char> word)
    {
        foreach (var month in Months)
        {
            if (word.Equals(month, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool PreviousWordIs(string text, ReadOnlySpan<Token> tokens, int i, string word) =>
        i >= 1 && tokens[i - 1].Is(TokenShape.Word) && tokens[i - 1].In(text).Equals(word, StringComparison.OrdinalIgnoreCase);

    private static int Report(ReadOnlySpan<Token> tokens, int first, int last, double score, List<RecognizerResult> results) =>
        TokenWalk.Report(EntityNames.Location, tokens, first, last, score, results);
}
