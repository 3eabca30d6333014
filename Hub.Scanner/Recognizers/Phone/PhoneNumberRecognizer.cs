using Hub.Core.Entities;
using Hub.Scanner.Recognizers.Numbers;

namespace Hub.Scanner.Recognizers.Phone;

/// <summary>
/// Phone numbers, international (+44 20 7946 0958) and national ((555) 123-4567, 020 7946 0958). Steps:
/// 1. <see cref="PhoneCandidateScanner"/> finds phone-shaped runs of digit groups and drops other numbers' shapes;
/// 2. libphonenumber parses each short candidate: with '+' as given, otherwise for the regions where it could be
///    national (US, GB, DE, FR, IN, CA, BR, AU, ES, IT, NL; CA shares the US plan), and a valid number scores high;
/// 3. a candidate libphonenumber rejects may still be written unmistakably as a phone number: the North American
///    layout of placeholders such as 555-123-4567, an area code in parentheses, or '+' with a possible length;
///    these score just over the default threshold.
/// An extension (" x4558", " ext. 12") belongs to the finding.
/// </summary>
internal sealed class PhoneNumberRecognizer : IRecognizer
{
    private readonly PhoneCandidateScorer scorer = new();

    public string Name => nameof(PhoneNumberRecognizer);

    public IReadOnlyList<EntityDefinition> Entities { get; } =
    [
        new(EntityNames.PhoneNumber, "Telephone number, international or national, validated with libphonenumber.",
            ["phone", "telephone", "tel", "mobile", "cell", "call", "fax", "contact", "whatsapp", "sms", "text me", "dial", "landline", "ring",
             "téléphone", "tél", "portable", "numéro", "teléfono", "móvil", "movil", "celular", "handy", "rufnummer"]),
    ];

    public void Analyze(string text, IReadOnlySet<string> enabled, List<RecognizerResult> results)
    {
        if (!enabled.Contains(EntityNames.PhoneNumber))
        {
            return;
        }

        Span<int> starts = stackalloc int[PhoneCandidate.MaxGroups];
        Span<int> ends = stackalloc int[PhoneCandidate.MaxGroups];
        var position = 0;
        while (NumberScan.NextDigitGroup(text, position, out var start, out var groupEnd))
        {
            var end = PhoneCandidateScanner.ReadRun(text, start, groupEnd, starts, ends, out var count);
            var extended = PhoneCandidateScanner.ExtensionEnd(text, end);
            position = extended;
            var runStart = PhoneCandidateScanner.LeadingStart(text, start);
            if (count < 0 || (runStart > 0 && NumberScan.IsWordChar(text[runStart - 1])) || (extended < text.Length && NumberScan.IsWordChar(text[extended])))
            {
                continue;
            }

            // A run with more digits than one number holds may be several numbers: split it where a separator such
            // as " / " or " (" marks a new one, and a piece still too long at its single spaces.
            var whole = new PhoneCandidate(text, runStart, end, starts[..count], ends[..count]);
            if (whole.Digits <= PhoneCandidateScanner.MaxDigits)
            {
                Propose(whole, extended, results);
                continue;
            }

            var first = 0;
            for (var group = 1; group <= count; group++)
            {
                if (group == count || PhoneCandidateScanner.IsStrongSplitPoint(text, ends[group - 1], starts[group]))
                {
                    ProposePieces(text, first, group, starts, ends, group == count ? extended : ends[group - 1], results);
                    first = group;
                }
            }
        }
    }

    /// <summary>Proposes groups <c>[first, last)</c> of a run, split at single spaces when they hold too many digits.</summary>
    private void ProposePieces(string text, int first, int last, ReadOnlySpan<int> starts, ReadOnlySpan<int> ends, int end, List<RecognizerResult> results)
    {
        var piece = new PhoneCandidate(text, PhoneCandidateScanner.LeadingStart(text, starts[first]), ends[last - 1], starts[first..last], ends[first..last]);
        if (piece.Digits <= PhoneCandidateScanner.MaxDigits)
        {
            Propose(piece, end, results);
            return;
        }

        var from = first;
        for (var group = first + 1; group <= last; group++)
        {
            if (group == last || text.AsSpan(ends[group - 1], starts[group] - ends[group - 1]) is " ")
            {
                var pieceEnd = group == last ? end : ends[group - 1];
                Propose(new PhoneCandidate(text, PhoneCandidateScanner.LeadingStart(text, starts[from]), ends[group - 1], starts[from..group], ends[from..group]), pieceEnd, results);
                from = group;
            }
        }
    }

    /// <param name="candidate">The number, which libphonenumber sees.</param>
    /// <param name="end">Where the finding ends: after the extension, if one follows.</param>
    /// <param name="results">The results.</param>
    private void Propose(PhoneCandidate candidate, int end, List<RecognizerResult> results)
    {
        if (PhoneCandidateScanner.HasPhoneShape(candidate))
        {
            var score = scorer.Score(candidate);
            if (score > 0)
            {
                results.Add(new RecognizerResult(EntityNames.PhoneNumber, candidate.Start, end, score));
            }
        }
    }
}
