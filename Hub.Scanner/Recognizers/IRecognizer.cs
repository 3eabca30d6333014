namespace Hub.Scanner.Recognizers;

/// <summary>
/// One detector. It reports candidate spans with a base score in [0,1]; the engine then applies
/// context words, the policy's <c>min_score</c> and overlap resolution, so a recognizer does none of that.
/// </summary>
/// <remarks>
/// Scoring convention (Presidio's): a candidate that passes a checksum or an unambiguous format is
/// 0.85–1.0; a plausible candidate without context is 0.5–0.7; a weak one (a bare 9-digit number) is
/// 0.05–0.3, which the context boost (+0.35, at least 0.4) lifts over the default threshold of 0.5
/// only when a context word is near. A candidate that fails its checksum is not reported.
/// Recognizers are singletons called concurrently: they hold no per-call state.
/// </remarks>
internal interface IRecognizer
{
    /// <summary>A stable name for diagnostics and tests, e.g. "CreditCardRecognizer".</summary>
    string Name { get; }

    /// <summary>The entity types this recognizer can report, with their descriptions and context words.</summary>
    IReadOnlyList<EntityDefinition> Entities { get; }

    /// <summary>
    /// Appends candidates found in <paramref name="text"/> for the entities in <paramref name="enabled"/>
    /// (skip the work for others). Offsets are UTF-16 indices into <paramref name="text"/>.
    /// </summary>
    void Analyze(string text, IReadOnlySet<string> enabled, List<RecognizerResult> results);
}

/// <summary>A candidate span: <c>[Start, End)</c> in UTF-16 code units.</summary>
internal readonly record struct RecognizerResult(string Entity, int Start, int End, double Score)
{
    public int Length => End - Start;
}

/// <param name="Name">The entity type, e.g. <c>US_SSN</c>.</param>
/// <param name="Description">One line for <c>GET /v1/entities</c>.</param>
/// <param name="ContextWords">Lower-case words or short phrases that make the entity likelier when they
/// appear just before (or right after) a candidate, e.g. "ssn", "social security".</param>
/// <param name="IsAttack">An attack rather than data (PROMPT_INJECTION): BLOCK unless a policy names it (a policy's
/// <c>default_action</c> is about data), and not looked for in texts the application wrote itself.</param>
internal sealed record EntityDefinition(string Name, string Description, IReadOnlyList<string> ContextWords, bool IsAttack = false);
