using Hub.Core.Entities;

namespace Hub.Scanner.Recognizers.Injection;

/// <summary>
/// PROMPT_INJECTION: jailbreaks and instructions injected into content, reported like any other finding —
/// one span per text (the strongest piece of evidence) scored with all the evidence the text holds. An
/// attack type (<see cref="EntityDefinition.IsAttack"/>): BLOCK unless a policy names it.
/// </summary>
internal sealed class InjectionRecognizer(InjectionDetector detector) : IRecognizer
{
    /// <summary>Evidence below this is not worth reporting even under a permissive <c>min_score</c>.</summary>
    private const double MinReportedScore = 0.3;

    public static readonly EntityDefinition Definition = new(
        EntityNames.PromptInjection,
        "Prompt injection or jailbreak: instructions that try to override the model's rules, reveal its system prompt or take over its role, also hidden in documents, look-alike letters or encodings.",
        [],
        IsAttack: true);

    public string Name => nameof(InjectionRecognizer);

    public IReadOnlyList<EntityDefinition> Entities { get; } = [Definition];

    public void Analyze(string text, IReadOnlySet<string> enabled, List<RecognizerResult> results)
    {
        if (!enabled.Contains(EntityNames.PromptInjection))
        {
            return;
        }

        var board = detector.Inspect(text);
        var score = board.Score;
        if (score >= MinReportedScore)
        {
            var strongest = board.Strongest;
            results.Add(new RecognizerResult(EntityNames.PromptInjection, strongest.Start, strongest.End, score));
        }
    }
}
