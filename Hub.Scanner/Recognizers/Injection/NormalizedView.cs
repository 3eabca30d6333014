namespace Hub.Scanner.Recognizers.Injection;

/// <summary>A word of the normalised view: its folded letters (a range of <see cref="NormalizedView.Folded"/>), where it sits in the raw text, and the cue sets it belongs to.</summary>
internal readonly record struct CueToken(int FoldedStart, int FoldedLength, int Start, int End, CueSets Sets);

/// <summary>
/// The text as an attacker hopes the model reads it and a filter does not: words folded by
/// <see cref="CharFolding"/> (look-alikes, full-width, accents, invisible characters), leetspeak undone
/// (<c>1gn0r3</c>), letters spaced out (<c>i g n o r e</c>, <c>i.g.n.o.r.e</c>) joined again, and run-together
/// words (<c>ignorepreviousinstructions</c>) split with the cue lexicon. Apostrophes are dropped
/// (<c>don't</c> reads <c>dont</c>). Every word keeps its raw span, so findings point at the raw text.
/// </summary>
internal sealed class NormalizedView
{
    /// <summary>Letters spaced out this many times or more are read as one word.</summary>
    private const int MinSpacedLetters = 3;

    /// <summary>Single words longer than this are tried as several run together.</summary>
    private const int MinRunTogetherLength = 14;

    private const int MaxRunTogetherLength = 64;

    private readonly CueLexicon lexicon;
    private readonly List<CueToken> tokens;
    private int wordStart = -1;
    private int wordRawStart;
    private int wordRawEnd;
    private bool wordHasLeet;
    private int spacedRunStart = -1;

    private NormalizedView(string text, CueLexicon lexicon)
    {
        this.lexicon = lexicon;
        Text = text;
        Folded = new char[text.Length];
        tokens = new List<CueToken>(text.Length / 5 + 4);
    }

    public string Text { get; }

    /// <summary>The folded letters of every word, back to back (separators are not kept).</summary>
    public char[] Folded { get; }

    public int FoldedLength { get; private set; }

    /// <summary>The words, read by reference (a token is 56 bytes).</summary>
    public ReadOnlySpan<CueToken> Tokens => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(tokens);

    /// <summary>The union of every token's sets: signatures whose first step is absent can be skipped.</summary>
    public CueSets AllSets { get; private set; }

    public ReadOnlySpan<char> Word(CueToken token) => Folded.AsSpan(token.FoldedStart, token.FoldedLength);

    public static NormalizedView Build(string text, CueLexicon lexicon)
    {
        var view = new NormalizedView(text, lexicon);
        view.Read();
        return view;
    }

    private void Read()
    {
        var text = Text;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var width = 1;
            char folded;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                folded = CharFolding.FoldAstral(char.ConvertToUtf32(c, text[i + 1]));
                width = 2;
            }
            else
            {
                folded = CharFolding.Fold(c);
            }

            if (folded == CharFolding.Invisible)
            {
                // Invisible characters join what they split.
            }
            else if (char.IsLetterOrDigit(folded))
            {
                Append(folded, i, i + width, isLeet: char.IsAsciiDigit(folded));
            }
            else if (wordStart >= 0 && folded is '@' or '$' && i + width < text.Length && char.IsAsciiLetter(text[i + width]))
            {
                Append(folded, i, i + width, isLeet: true);
            }
            else if (wordStart >= 0 && folded is '\'' or '\u2019' && i + width < text.Length && char.IsLetter(text[i + width]))
            {
                // don't → dont
            }
            else
            {
                EndWord(separator: folded);
            }

            i += width - 1;
        }

        EndWord(separator: '\n');
        EndSpacedRun();
        JoinSplitWords();
    }

    /// <summary>"IGN ORE ALL PREV IOUS INST RUCT IONS": up to four short unknown pieces one space apart that make a cue word together become it.</summary>
    private void JoinSplitWords()
    {
        for (var i = 0; i < tokens.Count - 1; i++)
        {
            if (!IsShortUnknown(tokens[i]))
            {
                continue;
            }

            for (var last = i + 1; last < Math.Min(tokens.Count, i + 4); last++)
            {
                if (tokens[last].Start - tokens[last - 1].End != 1 || tokens[last].FoldedLength > 6)
                {
                    break;
                }

                var joined = new CueToken(tokens[i].FoldedStart, tokens[last].FoldedStart + tokens[last].FoldedLength - tokens[i].FoldedStart, tokens[i].Start, tokens[last].End, CueSets.None);
                var sets = lexicon.SetsOf(Word(joined));
                if (!sets.IsEmpty)
                {
                    tokens.RemoveRange(i + 1, last - i);
                    tokens[i] = joined with { Sets = sets | MarksOf(joined) };
                    AllSets |= sets;
                    break;
                }
            }
        }
    }

    private bool IsShortUnknown(CueToken token) => token.FoldedLength <= 6 && lexicon.StartsAWord(Word(token)) && lexicon.SetsOf(Word(token)).IsEmpty;

    private void Append(char folded, int rawStart, int rawEnd, bool isLeet)
    {
        if (wordStart < 0)
        {
            wordStart = FoldedLength;
            wordRawStart = rawStart;
            wordHasLeet = false;
        }

        Folded[FoldedLength++] = folded;
        wordRawEnd = rawEnd;
        wordHasLeet |= isLeet;
    }

    private void EndWord(char separator)
    {
        if (wordStart < 0)
        {
            if (!IsSpacing(separator))
            {
                EndSpacedRun();
            }

            return;
        }

        var length = FoldedLength - wordStart;
        if (wordHasLeet && Folded.AsSpan(wordStart, length).ContainsAnyInRange('a', 'z') && lexicon.SetsOf(Folded.AsSpan(wordStart, length)).IsEmpty)
        {
            UndoLeet(Folded.AsSpan(wordStart, length));
        }

        // "previouss instructionss": a doubled last letter is a known trick.
        if (length > 2 && Folded[FoldedLength - 1] == Folded[FoldedLength - 2] && lexicon.SetsOf(Folded.AsSpan(wordStart, length)).IsEmpty
            && !lexicon.SetsOf(Folded.AsSpan(wordStart, length - 1)).IsEmpty)
        {
            length--;
            FoldedLength--;
        }

        var token = new CueToken(wordStart, length, wordRawStart, wordRawEnd, CueSets.None);
        wordStart = -1;
        var single = length == 1 && char.IsLetter(Folded[token.FoldedStart]);
        if (single && spacedRunStart >= 0 && tokens.Count > 0 && token.Start - tokens[^1].End == 1)
        {
            tokens.Add(token);
        }
        else
        {
            EndSpacedRun();
            if (single)
            {
                spacedRunStart = tokens.Count;
                tokens.Add(token);
            }
            else
            {
                AddWord(token);
            }
        }

        if (!IsSpacing(separator))
        {
            EndSpacedRun();
        }
    }

    /// <summary>What may stand between spaced-out letters: <c>i g n</c>, <c>i.g.n</c>, <c>i-g-n</c>.</summary>
    private static bool IsSpacing(char separator) => separator is ' ' or '.' or '-' or '_' or '*' or '/' or '|' or ',';

    /// <summary>Ends a run of single letters: three or more become one word (then split by the lexicon if need be), fewer stay words.</summary>
    private void EndSpacedRun()
    {
        if (spacedRunStart < 0)
        {
            return;
        }

        var start = spacedRunStart;
        spacedRunStart = -1;
        var count = tokens.Count - start;
        if (count < MinSpacedLetters)
        {
            var letters = tokens.GetRange(start, count);
            tokens.RemoveRange(start, count);
            foreach (var letter in letters)
            {
                AddWord(letter);
            }

            return;
        }

        // Folded letters of consecutive words sit back to back, so the run is already one span.
        var first = tokens[start];
        var merged = new CueToken(first.FoldedStart, count, first.Start, tokens[^1].End, CueSets.None);
        var letterSpans = tokens.GetRange(start, count);
        tokens.RemoveRange(start, count);
        if (!TrySplit(merged, letterSpans))
        {
            AddWord(merged);
        }
    }

    private void AddWord(CueToken token)
    {
        var word = Word(token);
        var sets = lexicon.SetsOf(word);
        if (sets.IsEmpty && word.Length >= MinRunTogetherLength && word.Length <= MaxRunTogetherLength && TrySplit(token, letterSpans: null))
        {
            return;
        }

        sets |= MarksOf(token);
        tokens.Add(token with { Sets = sets });
        AllSets |= sets;
    }

    /// <summary>Splits run-together words with the lexicon; raw spans come from the letters when they were spaced out.</summary>
    private bool TrySplit(CueToken token, List<CueToken>? letterSpans)
    {
        var word = Word(token);
        if (word.Length > MaxRunTogetherLength || !lexicon.SetsOf(word).IsEmpty)
        {
            return false;
        }

        var cuts = lexicon.Segment(word);
        if (cuts is null)
        {
            return false;
        }

        var from = 0;
        foreach (var to in cuts)
        {
            var start = letterSpans is null ? token.Start : letterSpans[from].Start;
            var end = letterSpans is null ? token.End : letterSpans[to - 1].End;
            var part = new CueToken(token.FoldedStart + from, to - from, start, end, CueSets.None);
            var sets = lexicon.SetsOf(Word(part)) | (to == cuts[^1] ? MarksOf(part) : CueSets.None);
            tokens.Add(part with { Sets = sets });
            AllSets |= sets;
            from = to;
        }

        return true;
    }

    /// <summary>The colon and capitals marks of a word, from the raw text.</summary>
    private CueSets MarksOf(CueToken token)
    {
        var marks = CueSets.None;
        var after = token.End;
        while (after < Text.Length && Text[after] is ' ' or ')' or ']' or '*' or '_')
        {
            after++;
        }

        if (after < Text.Length && Text[after] == ':')
        {
            marks |= CueLexicon.ColonMark;
        }

        var raw = Text.AsSpan(token.Start, token.End - token.Start);
        if (raw.Length >= 2 && !raw.ContainsAnyInRange('a', 'z') && raw.ContainsAnyInRange('A', 'Z'))
        {
            marks |= CueLexicon.UpperMark;
        }

        return marks;
    }

    private static void UndoLeet(Span<char> word)
    {
        foreach (ref var c in word)
        {
            c = c switch
            {
                '0' => 'o',
                '1' => 'i',
                '3' => 'e',
                '4' => 'a',
                '5' => 's',
                '7' => 't',
                '8' => 'b',
                '@' => 'a',
                '$' => 's',
                _ => c,
            };
        }
    }
}
