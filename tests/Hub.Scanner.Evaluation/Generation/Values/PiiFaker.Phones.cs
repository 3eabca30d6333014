using PhoneNumbers;

namespace Hub.Scanner.Evaluation.Generation.Values;

/// <summary>PHONE_NUMBER: numbers libphonenumber calls valid, in the international, national and E.164 forms of several countries.</summary>
internal sealed partial class PiiFaker
{
    private static readonly PhoneNumberUtil PhoneNumbers = PhoneNumberUtil.GetInstance();

    private static readonly string[] PhoneRegions = ["US", "US", "US", "GB", "GB", "DE", "FR", "IN", "CA", "BR", "ES", "IT", "NL", "AU", "MX", "CH", "IE", "JP"];

    public string Phone() => Phone(Pick(PhoneRegions));

    /// <summary>A valid number of <paramref name="region"/> (ISO 3166 code), written as people of that country do.</summary>
    public string Phone(string region)
    {
        var number = ValidPhone(region);
        if (region is "US" or "CA")
        {
            var digits = PhoneNumbers.GetNationalSignificantNumber(number);
            return Int(0, 6) switch
            {
                0 or 1 => PhoneNumbers.Format(number, PhoneNumberFormat.NATIONAL),
                2 => PhoneNumbers.Format(number, PhoneNumberFormat.INTERNATIONAL),
                3 => $"{digits[..3]}-{digits[3..6]}-{digits[6..]}",
                4 => $"{digits[..3]}.{digits[3..6]}.{digits[6..]}",
                5 => $"+1 ({digits[..3]}) {digits[3..6]}-{digits[6..]}",
                _ => PhoneNumbers.Format(number, PhoneNumberFormat.E164),
            };
        }

        return Int(0, 4) switch
        {
            0 or 1 => PhoneNumbers.Format(number, PhoneNumberFormat.INTERNATIONAL),
            2 or 3 => PhoneNumbers.Format(number, PhoneNumberFormat.NATIONAL),
            _ => PhoneNumbers.Format(number, PhoneNumberFormat.E164),
        };
    }

    /// <summary>Random digits shaped like the region's example mobile or landline number, until libphonenumber accepts one.</summary>
    private PhoneNumber ValidPhone(string region)
    {
        var example = PhoneNumbers.GetExampleNumberForType(region, Chance(0.6) ? PhoneNumberType.MOBILE : PhoneNumberType.FIXED_LINE);
        var shape = PhoneNumbers.GetNationalSignificantNumber(example);
        for (var attempt = 0; attempt < 400; attempt++)
        {
            var kept = attempt < 200 ? 1 : 2;
            // "+<country code>" first, so that random digits starting with an exit code (00) stay national.
            var candidate = PhoneNumbers.Parse($"+{example.CountryCode}{shape[..kept]}{Digits(shape.Length - kept)}", region);
            if (PhoneNumbers.IsValidNumberForRegion(candidate, region))
            {
                return candidate;
            }
        }

        return example;
    }
}
