using System.Text;
using Bogus;

namespace Hub.Scanner.Evaluation.Generation.Values;

/// <summary>
/// Every value the generated set needs, valid where its type has a check, from one seeded
/// <see cref="Randomizer"/> shared by all Bogus locales so the set is the same on every run.
/// One partial file per family of entities.
/// </summary>
internal sealed partial class PiiFaker(int seed)
{
    private const string AlphaNumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private const string UrlSafe = AlphaNumeric + "-_";
    private readonly Dictionary<string, Faker> fakers = [];

    public Randomizer Random { get; } = new(seed);

    public Faker En => In("en");

    /// <summary>The Bogus faker of a locale, drawing from the shared randomizer.</summary>
    public Faker In(string locale)
    {
        if (!fakers.TryGetValue(locale, out var faker))
        {
            faker = new Faker(locale) { Random = Random };
            fakers[locale] = faker;
        }

        return faker;
    }

    public T Pick<T>(IReadOnlyList<T> items) => items[Random.Int(0, items.Count - 1)];

    public bool Chance(double probability) => Random.Double() < probability;

    public int Int(int min, int max) => Random.Int(min, max);

    public string Digits(int count) => string.Concat(Random.Digits(count));

    public string Chars(int count, string alphabet) => Random.String2(count, alphabet);

    public string Alnum(int count) => Chars(count, AlphaNumeric);

    public string HexLower(int count) => Chars(count, "0123456789abcdef");

    /// <summary>A word for file names and identifiers, Latin letters only.</summary>
    public string Word() => Ascii(En.Lorem.Word());

    /// <summary>Folds the accents of Latin letters and drops what is left over, for e-mail local parts and slugs.</summary>
    public static string Ascii(string text)
    {
        const string from = "àáâãäåçèéêëìíîïñòóôõöøùúûüýÿćčđęłńőšśťůűźžăâșțğışÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝĆČĐĘŁŃŐŠŚŤŮŰŹŽĂȘȚĞİŞ";
        const string to = "aaaaaaceeeeiiiinoooooouuuuyyccdelnosstuuzzaastgisAAAAAACEEEEIIIINOOOOOOUUUUYCCDELNOSSTUUZZASTGIS";
        var result = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var index = from.IndexOf(c, StringComparison.Ordinal);
            var folded = index >= 0 ? to[index] : c;
            if (char.IsAsciiLetterOrDigit(folded))
            {
                result.Append(folded);
            }
        }

        return result.ToString();
    }
}
