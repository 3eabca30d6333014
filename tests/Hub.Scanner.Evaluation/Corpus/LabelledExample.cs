namespace Hub.Scanner.Evaluation.Corpus;

/// <summary>A labelled span of an example: <c>[Start, End)</c> in UTF-16 code units, like the engine's findings.</summary>
internal readonly record struct GoldSpan(string Entity, int Start, int End)
{
    public int Length => End - Start;
}

/// <summary>Where an example comes from: generated at run time, or the committed hard cases.</summary>
internal enum ExampleSource
{
    Generated,
    HardCases,
}

/// <summary>One text of the evaluation set and its gold spans, which never overlap.</summary>
/// <param name="Id">Stable within a run, e.g. <c>chat-0042</c> or <c>hard-cases.jsonl:17</c>.</param>
/// <param name="Carrier">The kind of text (<c>chat</c>, <c>log</c>, …) or, for hard cases, the author's kind (<c>negative</c>, <c>near-miss</c>, <c>positive</c>).</param>
internal sealed record LabelledExample(string Id, ExampleSource Source, string Carrier, string Text, IReadOnlyList<GoldSpan> Spans);
