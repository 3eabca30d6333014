using System.Buffers;

namespace Hub.Scanner.Recognizers.Names;

/// <summary>
/// Splits text into words, numbers and single punctuation characters in one pass, classifying each word with
/// one lexicon lookup. Allocates nothing but the pooled token array, which the caller returns.
/// </summary>
internal static class TextTokenizer
{
    /// <summary>Before a word, these make it part of an address, path, handle or member access.</summary>
    private static readonly SearchValues<char> GluedBefore = SearchValues.Create("@_/\\#$<=.");

    /// <summary>After a word, these make it part of an e-mail, call, assignment or path.</summary>
    private static readonly SearchValues<char> GluedAfter = SearchValues.Create("@_(=[{<\\/");

    /// <summary>After these a capital letter says nothing: a new sentence, list item, quotation or field.</summary>
    private static readonly SearchValues<char> SentenceBreaks = SearchValues.Create(".!?:;\"“”«»([{*•#>|");

    public static Token[] Rent(int textLength) => ArrayPool<Token>.Shared.Rent(Math.Max(textLength, 1));

    public static void Return(Token[] tokens) => ArrayPool<Token>.Shared.Return(tokens);

    /// <summary>Fills <paramref name="tokens"/> (at least <c>text.Length</c> long) and returns the count.</summary>
    public static int Tokenize(string text, NameLexicon lexicon, Token[] tokens)
    {
        var count = 0;
        var position = 0;
        var space = TokenShape.None;
        while (position < text.Length)
        {
            var c = text[position];
            if (char.IsWhiteSpace(c))
            {
                space |= c is '\n' or '\r' ? TokenShape.SpaceBefore | TokenShape.NewlineBefore : TokenShape.SpaceBefore;
                position++;
                continue;
            }

            var start = position;
            TokenShape shape;
            if (char.IsLetterOrDigit(c))
            {
                position = ScanWord(text, position, out shape);
            }
            else
            {
                position++;
                shape = TokenShape.Punctuation;
            }

            shape |= space;
            if (count == 0 || (space & TokenShape.NewlineBefore) != 0 || IsSentenceBreak(text, tokens[count - 1]))
            {
                shape |= TokenShape.SentenceStart;
            }

            var classes = WordClass.None;
            if ((shape & TokenShape.Word) != 0)
            {
                shape |= Glue(text, start, position);
                classes = Classify(text.AsSpan(start, position - start), lexicon);
            }

            tokens[count++] = new Token(start, position - start, shape, classes);
            space = TokenShape.None;
        }

        return count;
    }

    /// <summary>A hyphenated word unknown as a whole takes the name classes of its first part ("Jean-Luc").</summary>
    private static WordClass Classify(ReadOnlySpan<char> word, NameLexicon lexicon)
    {
        var classes = lexicon.Classify(word);
        var hyphen = word.IndexOf('-');
        return classes == WordClass.None && hyphen > 0 ? lexicon.Classify(word[..hyphen]) & WordClass.Name : classes;
    }

    private static bool IsSentenceBreak(string text, Token previous) =>
        previous.Is(TokenShape.Punctuation) && SentenceBreaks.Contains(text[previous.Start]);

    /// <summary>Consumes letters, digits, marks, underscores and inner apostrophes or hyphens.</summary>
    private static int ScanWord(string text, int position, out TokenShape shape)
    {
        var start = position;
        var startsWithDigit = char.IsDigit(text[position]);
        var upper = 0;
        var lower = 0;
        var digits = 0;
        var innerUpperAt = -1;
        var codeLike = false;
        var afterJoiner = false;
        for (; position < text.Length; position++)
        {
            var c = text[position];
            if (char.IsLetter(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark)
            {
                if (char.IsUpper(c))
                {
                    upper++;
                    if (position > start && !afterJoiner && innerUpperAt < 0)
                    {
                        innerUpperAt = position - start;
                    }
                }
                else if (char.IsLower(c))
                {
                    lower++;
                }

                afterJoiner = false;
            }
            else if (char.IsDigit(c))
            {
                digits++;
                afterJoiner = false;
            }
            else if (c == '_')
            {
                codeLike = true;
                afterJoiner = false;
            }
            else if (c is '\'' or '’' or '-' && position + 1 < text.Length && char.IsLetter(text[position + 1]) && position > start
                && !IsPossessive(text, position))
            {
                afterJoiner = true;
            }
            else
            {
                break;
            }
        }

        if (startsWithDigit)
        {
            shape = TokenShape.Number;
            return position;
        }

        shape = TokenShape.Word;
        if (digits > 0 || codeLike)
        {
            shape |= TokenShape.CodeLike;
        }
        else if (upper >= 2 && lower == 0)
        {
            shape |= TokenShape.AllCaps;
        }
        else if (char.IsUpper(text[start]))
        {
            // Inner capitals only after a name prefix: Mc, Mac, O', D', Di, De, Da, Le, La, Du, Van, Von, Fitz.
            shape |= innerUpperAt < 0 || IsNamePrefix(text.AsSpan(start, innerUpperAt)) ? TokenShape.Capitalized : TokenShape.CodeLike;
        }
        else if (upper == 0)
        {
            shape |= TokenShape.Lower;
        }
        else
        {
            shape |= TokenShape.CodeLike;
        }

        return position;
    }

    /// <summary>"John's": the name ends before the apostrophe.</summary>
    private static bool IsPossessive(string text, int position) =>
        text[position] != '-' && text[position + 1] is 's' or 'S' && (position + 2 >= text.Length || !char.IsLetter(text[position + 2]));

    private static bool IsNamePrefix(ReadOnlySpan<char> prefix) =>
        prefix is "Mc" or "Mac" or "Di" or "De" or "Da" or "Le" or "La" or "Du" or "Van" or "Von" or "Fitz";

    private static TokenShape Glue(string text, int start, int end)
    {
        var before = start > 0 && GluedBefore.Contains(text[start - 1]) && (text[start - 1] != '.' || (start > 1 && char.IsLetterOrDigit(text[start - 2])));
        // "PO-44782", "COVID-19": a hyphen and a digit make the word part of a code.
        var after = end < text.Length
            && (GluedAfter.Contains(text[end]) || (text[end] is '.' or '-' && end + 1 < text.Length && (char.IsDigit(text[end + 1]) || (text[end] == '.' && char.IsLetter(text[end + 1])))));
        return before || after ? TokenShape.Glued : TokenShape.None;
    }
}
