using Hub.Scanner.Evaluation.Corpus;
using Hub.Scanner.Evaluation.Generation.Carriers;
using Hub.Scanner.Evaluation.Generation.Values;

namespace Hub.Scanner.Evaluation.Generation;

/// <summary>
/// The generated half of the set: a fixed number of examples per carrier, all drawn from one seeded
/// <see cref="PiiFaker"/>, so every run (and every machine) scores the same texts. The counts give every
/// entity type at least 100 gold spans; the report prints the actual support.
/// </summary>
internal static class GeneratedSet
{
    /// <summary>Changing it changes every generated text; keep it fixed so figures stay comparable across commits.</summary>
    public const int Seed = 20260315;

    /// <summary>Gold spans per entity type the counts below must give, for figures that do not swing with a few examples.</summary>
    public const int MinimumSupport = 100;

    private static readonly (string Carrier, int Count, Func<PiiFaker, string> Generate)[] Carriers =
    [
        ("chat", 900, ChatPrompts.Generate),
        ("ticket", 400, SupportTickets.Generate),
        ("patient-note", 350, PatientNotes.Generate),
        ("code", 650, CodeSnippets.Generate),
        ("log", 300, LogLines.Generate),
        ("json", 350, JsonRecords.Generate),
        ("csv", 200, CsvRows.Generate),
        ("email", 300, Emails.Generate),
        ("multilingual", 500, Multilingual.Generate),
    ];

    public static List<LabelledExample> Create(int seed = Seed)
    {
        var faker = new PiiFaker(seed);
        var examples = new List<LabelledExample>();
        foreach (var (carrier, count, generate) in Carriers)
        {
            for (var i = 0; i < count; i++)
            {
                var (text, spans) = MarkedText.Parse(generate(faker));
                examples.Add(new LabelledExample($"{carrier}-{i:0000}", ExampleSource.Generated, carrier, text, spans));
            }
        }

        return examples;
    }
}
