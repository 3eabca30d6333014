using System.Net;
using Hub.Core.Entities;
using Hub.Scanner.Evaluation.Generation.Values;
using PhoneNumbers;

namespace Hub.Scanner.Evaluation.Corpus;

/// <summary>
/// Checks that every gold span holds what its label claims (a labelled card passes Luhn, an IBAN mod-97, …)
/// and has no stray spaces, so a typo in a hand-written case cannot pass for a recognizer's miss.
/// </summary>
internal static class GoldCheck
{
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    public static List<string> FindProblems(IEnumerable<LabelledExample> examples)
    {
        var problems = new List<string>();
        foreach (var example in examples)
        {
            foreach (var span in example.Spans)
            {
                var value = example.Text[span.Start..span.End];
                if (value != value.Trim() || !IsValid(span.Entity, value))
                {
                    problems.Add($"{example.Id}: {span.Entity} '{value}' fails its check");
                }
            }

            var sorted = example.Spans.OrderBy(span => span.Start).ToList();
            for (var i = 1; i < sorted.Count; i++)
            {
                if (sorted[i].Start < sorted[i - 1].End)
                {
                    problems.Add($"{example.Id}: gold spans overlap at {sorted[i].Start}");
                }
            }
        }

        return problems;
    }

    /// <summary>Valid for libphonenumber: international form, or national form of one of the regions the set uses.</summary>
    private static bool IsValidPhone(string value)
    {
        string[] regions = value.StartsWith('+') ? ["ZZ"] : ["US", "GB", "DE", "FR", "ES", "IT", "BR", "IN", "CA", "AU", "NL", "MX", "CH", "IE", "JP"];
        foreach (var region in regions)
        {
            try
            {
                if (Phones.IsValidNumber(Phones.Parse(value, region)))
                {
                    return true;
                }
            }
            catch (NumberParseException)
            {
                // Not a number in this region's form; the next region may still read it.
            }
        }

        return false;
    }

    private static bool IsValid(string entity, string value)
    {
        var compact = new string([.. value.Where(c => c is not (' ' or '-' or '.'))]);
        return entity switch
        {
            EntityNames.CreditCard => compact.Length is >= 12 and <= 19 && IdentifierRules.IsLuhnValid(compact),
            EntityNames.IbanCode => IdentifierRules.IsIbanValid(compact.ToUpperInvariant()),
            EntityNames.UkNhsNumber => IdentifierRules.IsNhsValid(compact),
            EntityNames.MedicalLicense => IdentifierRules.IsDeaValid(compact.ToUpperInvariant()),
            EntityNames.UsSsn => IdentifierRules.IsSsnValid(compact),
            EntityNames.UsItin => IdentifierRules.IsItinValid(compact),
            EntityNames.UkNino => IdentifierRules.IsNinoValid(compact.ToUpperInvariant()),
            EntityNames.CryptoAddress => value.StartsWith("0x", StringComparison.Ordinal) ? CryptoEncodings.IsEthereumValid(value)
                : value.StartsWith("bc1", StringComparison.OrdinalIgnoreCase) ? CryptoEncodings.IsBech32Valid(value)
                : CryptoEncodings.IsBase58CheckValid(value),
            EntityNames.IpAddress => IPAddress.TryParse(value.Split('/')[0], out _),
            EntityNames.PhoneNumber => IsValidPhone(value),
            EntityNames.MacAddress => compact.Replace(":", "", StringComparison.Ordinal).Length == 12,
            EntityNames.EmailAddress => value.Count(c => c == '@') == 1 && value.IndexOf('.', value.IndexOf('@')) > 0,
            _ => value.Length > 0,
        };
    }
}
