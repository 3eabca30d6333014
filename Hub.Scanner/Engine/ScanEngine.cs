using Hub.Core.Policies;
using Hub.Scanner.Policies;
using Hub.Scanner.Recognizers;
using Hub.Scanner.Redaction;

namespace Hub.Scanner.Engine;

/// <summary>
/// Scans texts under a policy:
/// 1. every recognizer that reports an enabled entity proposes candidates;
/// 2. context words near a candidate raise its score;
/// 3. candidates under the policy's <c>min_score</c> are dropped;
/// 4. overlaps are resolved once (highest score, then longest span);
/// 5. each finding takes its entity's action; REDACT and BLOCK spans are replaced in the copy of the text.
/// Stateless and thread-safe: one instance serves every request.
/// </summary>
internal sealed class ScanEngine(IEnumerable<IRecognizer> recognizers, EntityCatalog catalog, TimeProvider time)
{
    private readonly IRecognizer[] recognizers = [.. recognizers];

    public EntityCatalog Catalog { get; } = catalog;

    /// <param name="trusted">Indices of texts the application wrote (system prompts): not scanned for prompt injection.</param>
    public ScanResult Scan(IReadOnlyList<string> texts, ScanPolicy policy, IReadOnlySet<int>? trusted = null)
    {
        var started = time.GetTimestamp();
        var findings = new List<Finding>();
        var candidates = new List<RecognizerResult>();
        var blocked = false;
        for (var index = 0; index < texts.Count; index++)
        {
            var text = texts[index];
            candidates.Clear();

            // Step 1
            Propose(text, policy, trusted?.Contains(index) == true ? policy.EnabledForTrusted : policy.Enabled, candidates);

            // Steps 2 and 3
            var scored = new List<RecognizerResult>(candidates.Count);
            foreach (var candidate in candidates)
            {
                var enhanced = Catalog.Entities.TryGetValue(candidate.Entity, out var definition)
                    ? ContextEnhancer.Enhance(text, candidate, definition.ContextWords)
                    : candidate;
                if (enhanced.Score >= policy.MinScore)
                {
                    scored.Add(enhanced);
                }
            }

            // Steps 4 and 5
            foreach (var kept in OverlapResolver.Resolve(scored))
            {
                var action = policy.Actions[kept.Entity];
                blocked |= action == ScanAction.Block;
                findings.Add(new Finding(index, kept.Entity, kept.Start, kept.End, Math.Round(kept.Score, 4), action));
            }
        }

        var redacted = Redactor.Redact(texts, findings, policy.Placeholder);
        return new ScanResult(blocked, findings, redacted, time.GetElapsedTime(started).TotalMilliseconds);
    }

    private void Propose(string text, ScanPolicy policy, IReadOnlySet<string> enabled, List<RecognizerResult> candidates)
    {
        foreach (var recognizer in recognizers)
        {
            if (ReportsAny(recognizer, enabled))
            {
                recognizer.Analyze(text, enabled, candidates);
            }
        }

        foreach (var recognizer in policy.CustomRecognizers)
        {
            recognizer.Analyze(text, enabled, candidates);
        }
    }

    private static bool ReportsAny(IRecognizer recognizer, IReadOnlySet<string> enabled)
    {
        foreach (var entity in recognizer.Entities)
        {
            if (enabled.Contains(entity.Name))
            {
                return true;
            }
        }

        return false;
    }
}
