namespace Hub.Scanner.Engine;

/// <summary>
/// In a delimited table (CSV, TSV, pipe tables) the words that say what a value is stand in the
/// header row, far outside a 5-word window: <c>driver,dl_number,state</c> over
/// <c>Dillan Toy,M3552950,California</c>. This finds the header cell above a candidate's column.
/// </summary>
/// <remarks>
/// The header is the topmost of the consecutive lines above that contain the same delimiter, looked
/// for at most <see cref="MaxRowsUp"/> lines up so a long table costs a bounded walk per candidate.
/// Quoted fields are respected when counting columns.
/// </remarks>
internal static class TableHeaderContext
{
    public const int MaxRowsUp = 64;

    private static readonly char[] Delimiters = ['\t', ',', ';', '|'];

    /// <summary>The header cell of the candidate's column, or an empty span when the candidate is not in a table body.</summary>
    public static ReadOnlySpan<char> HeaderCell(string text, int start)
    {
        var lineStart = start == 0 ? 0 : text.LastIndexOf('\n', start - 1) + 1;
        if (lineStart == 0)
        {
            return [];
        }

        var lineEnd = text.IndexOf('\n', start);
        var line = text.AsSpan(lineStart, (lineEnd < 0 ? text.Length : lineEnd) - lineStart);
        foreach (var delimiter in Delimiters)
        {
            if (line.IndexOf(delimiter) < 0)
            {
                continue;
            }

            var header = TopmostLineWith(text, lineStart, delimiter);
            if (header.IsEmpty)
            {
                continue;
            }

            var column = Column(text.AsSpan(lineStart, start - lineStart), delimiter);
            return Cell(header, delimiter, column);
        }

        return [];
    }

    /// <summary>The first line of the run of lines containing the delimiter that ends just above <paramref name="lineStart"/>.</summary>
    private static ReadOnlySpan<char> TopmostLineWith(string text, int lineStart, char delimiter)
    {
        ReadOnlySpan<char> header = [];
        var end = lineStart - 1; // the '\n' ending the previous line
        for (var rows = 0; rows < MaxRowsUp && end >= 0; rows++)
        {
            var start = end == 0 ? 0 : text.LastIndexOf('\n', end - 1) + 1;
            var previous = text.AsSpan(start, end - start).TrimEnd('\r');
            if (previous.IndexOf(delimiter) < 0)
            {
                break;
            }

            header = previous;
            end = start - 1;
        }

        return header;
    }

    /// <summary>How many delimiters, outside double quotes, precede the candidate on its line.</summary>
    private static int Column(ReadOnlySpan<char> beforeCandidate, char delimiter)
    {
        var column = 0;
        var quoted = false;
        foreach (var c in beforeCandidate)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == delimiter && !quoted)
            {
                column++;
            }
        }

        return column;
    }

    private static ReadOnlySpan<char> Cell(ReadOnlySpan<char> header, char delimiter, int column)
    {
        for (var i = 0; i < column; i++)
        {
            var next = header.IndexOf(delimiter);
            if (next < 0)
            {
                return [];
            }

            header = header[(next + 1)..];
        }

        var end = header.IndexOf(delimiter);
        return end < 0 ? header : header[..end];
    }
}
