using Hub.Core.Entities;

namespace Hub.Scanner.Recognizers.Names;

/// <summary>
/// PERSON, LOCATION, NRP and STREET_ADDRESS without a model: gazetteers (<see cref="NameLexicon"/>, built from
/// npm packages, see Data/README.md) plus capitalisation, titles, cues and sentence position.
/// 1. Tokenize once (one lexicon lookup per word, pooled buffer).
/// 2. Each enabled finder walks the tokens once with bounded look-ahead and look-behind.
/// Scores stay at or below Presidio's NER default of 0.85, by strength of evidence; overlaps between the four
/// types ("Paris Hilton" as PERSON and LOCATION) are left to the engine's resolver, which keeps the higher score.
/// </summary>
internal sealed class NameAndPlaceRecognizer(NameLexicon lexicon) : IRecognizer
{
    private static readonly EntityDefinition[] Definitions =
    [
        new(EntityNames.Person, "A person's name: given and family names, with or without a title.",
            ["name", "patient", "customer", "client", "employee", "contact", "applicant", "mr", "mrs", "ms", "dr", "signed", "dear", "tenant", "cardholder"]),
        new(EntityNames.Location, "A country, region, state or city.",
            ["city", "country", "located", "lives in", "live in", "born in", "moved to", "address", "residence", "hometown"]),
        new(EntityNames.Nrp, "A nationality, religious or political group.",
            ["nationality", "religion", "religious", "citizen", "citizenship", "ethnicity", "ethnic", "faith", "political", "party", "origin"]),
        new(EntityNames.StreetAddress, "A postal address: house number and street, with unit, city, state and postcode when present.",
            // Also the word for "address" or "I live" in the languages whose formats we read ("Adresse", "dirección", "moro na").
            ["address", "lives at", "live at", "located at", "ship to", "shipping", "mailing", "billing", "residence", "deliver",
             "adres", "direcci", "endereço", "endereco", "indirizzo", "wohne", "moro", "vivo en", "habite", "woon"]),
    ];

    public string Name => nameof(NameAndPlaceRecognizer);

    public IReadOnlyList<EntityDefinition> Entities => Definitions;

    public void Analyze(string text, IReadOnlySet<string> enabled, List<RecognizerResult> results)
    {
        if (text.Length == 0)
        {
            return;
        }

        var buffer = TextTokenizer.Rent(text.Length);
        try
        {
            // Step 1
            var tokens = buffer.AsSpan(0, TextTokenizer.Tokenize(text, lexicon, buffer));

            // Step 2
            if (enabled.Contains(EntityNames.Person))
            {
                TokenWalk.Run<PersonFinder>(text, tokens, lexicon, results);
            }

            if (enabled.Contains(EntityNames.Location))
            {
                TokenWalk.Run<LocationFinder>(text, tokens, lexicon, results);
            }

            if (enabled.Contains(EntityNames.Nrp))
            {
                TokenWalk.Run<NrpFinder>(text, tokens, lexicon, results);
            }

            if (enabled.Contains(EntityNames.StreetAddress))
            {
                TokenWalk.Run<StreetAddressFinder>(text, tokens, lexicon, results);
            }
        }
        finally
        {
            TextTokenizer.Return(buffer);
        }
    }
}
