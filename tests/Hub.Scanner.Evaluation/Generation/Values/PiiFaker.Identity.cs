namespace Hub.Scanner.Evaluation.Generation.Values;

/// <summary>US_SSN, US_ITIN, US_PASSPORT, US_DRIVER_LICENSE, UK_NINO, UK_NHS_NUMBER, MEDICAL_LICENSE (DEA).</summary>
internal sealed partial class PiiFaker
{
    private static readonly int[] ItinGroups = [.. Enumerable.Range(50, 16), .. Enumerable.Range(70, 19), 90, 91, 92, .. Enumerable.Range(94, 6)];

    /// <summary>SSA rules: area 001–899 except 666, group 01–99, serial 0001–9999; mostly dashed.</summary>
    public string Ssn()
    {
        string digits;
        do
        {
            digits = $"{Int(1, 899):000}{Int(1, 99):00}{Int(1, 9999):0000}";
        }
        while (!IdentifierRules.IsSsnValid(digits) || digits == "123456789");

        return Separate(digits, Random.WeightedRandom(["-", " ", ""], [0.8f, 0.1f, 0.1f]), 3, 5);
    }

    public string Itin() =>
        Separate($"9{Int(0, 99):00}{Pick(ItinGroups)}{Int(0, 9999):0000}", Chance(0.85) ? "-" : (Chance(0.5) ? " " : ""), 3, 5);

    /// <summary>Nine digits, or a letter and eight digits (next-generation passports).</summary>
    public string UsPassport() => Chance(0.55) ? (char)('1' + Int(0, 8)) + Digits(8) : (char)('A' + Int(0, 25)) + Digits(8);

    /// <summary>A driver's licence number in the format of a random state, with the state's name.</summary>
    public (string State, string Number) UsDriverLicense()
    {
        var letter = (char)('A' + Int(0, 25));
        return Int(0, 9) switch
        {
            0 => ("California", letter + Digits(7)),
            1 => ("New York", Chance(0.5) ? Digits(9) : $"{Digits(3)} {Digits(3)} {Digits(3)}"),
            2 => ("Florida", $"{letter}{Digits(3)}-{Digits(3)}-{Digits(2)}-{Digits(3)}-{Digits(1)}"),
            3 => ("Texas", (char)('1' + Int(0, 8)) + Digits(7)),
            4 => ("Illinois", $"{letter}{Digits(3)}-{Digits(4)}-{Digits(4)}"),
            5 => ("Washington", "WDL" + Chars(9, "ABCDEFGHJKLMNPRSTUVWXYZ0123456789")),
            6 => ("Pennsylvania", $"{Digits(2)} {Digits(3)} {Digits(3)}"),
            7 => ("New Jersey", $"{letter}{Digits(4)} {Digits(5)} {Digits(5)}"),
            8 => ("Ohio", $"{letter}{(char)('A' + Int(0, 25))}{Digits(6)}"),
            _ => ("Arizona", letter + Digits(8)),
        };
    }

    /// <summary>A NINO with a legal prefix and suffix, spaced in pairs or compact.</summary>
    public string UkNino()
    {
        string prefix;
        do
        {
            prefix = Chars(2, "ABCEGHJKLMNOPRSTWXYZ");
        }
        while (!IdentifierRules.IsNinoPrefix(prefix));

        var digits = Digits(6);
        var suffix = (char)('A' + Int(0, 3));
        return Chance(0.6) ? $"{prefix} {digits[..2]} {digits[2..4]} {digits[4..]} {suffix}" : $"{prefix}{digits}{suffix}";
    }

    /// <summary>A mod-11-valid NHS number, 3-3-4.</summary>
    public string NhsNumber()
    {
        string nine;
        int check;
        do
        {
            nine = (char)('4' + Int(0, 5)) + Digits(8);
            check = IdentifierRules.NhsCheckDigit(nine);
        }
        while (check < 0);

        return Separate(nine + check, Random.WeightedRandom([" ", "", "-"], [0.6f, 0.25f, 0.15f]), 3, 6);
    }

    /// <summary>A DEA registration number: registrant type, the first letter of the surname, six digits and the check digit.</summary>
    public string DeaNumber(string lastName)
    {
        var initial = Ascii(lastName).ToUpperInvariant().FirstOrDefault('X');
        var six = Digits(6);
        return $"{Pick("ABFGM".ToCharArray())}{(Chance(0.9) ? initial : '9')}{six}{IdentifierRules.DeaCheckDigit(six)}";
    }

    private static string Separate(string digits, string separator, int first, int second) =>
        separator.Length == 0 ? digits : string.Join(separator, digits[..first], digits[first..second], digits[second..]);
}
