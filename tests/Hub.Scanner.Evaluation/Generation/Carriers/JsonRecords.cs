using Hub.Scanner.Evaluation.Corpus;
using Hub.Scanner.Evaluation.Generation.Values;
using E = Hub.Core.Entities.EntityNames;

namespace Hub.Scanner.Evaluation.Generation.Carriers;

/// <summary>API payloads and database rows as JSON, compact or indented.</summary>
internal static class JsonRecords
{
    private static readonly Func<PiiFaker, (string Key, string Value)[]>[] Records =
    [
        f =>
        {
            var person = f.Person();
            return
            [
                ("id", f.Digits(6)), ("name", Quote(person.Full.As(E.Person))), ("email", Quote(f.Email(person).As(E.EmailAddress))),
                ("phone", Quote(f.Phone().As(E.PhoneNumber))), ("address", Quote(f.StreetAddress().As(E.StreetAddress))),
                ("dob", Quote(f.BirthDate().As(E.DateTime))), ("ssn", Quote(f.Ssn().As(E.UsSsn))),
            ];
        },
        f =>
        [
            ("payment_id", Quote("pay_" + f.Alnum(14))), ("holder", Quote(f.Person().Full.As(E.Person))),
            ("card_number", Quote(f.CreditCard().As(E.CreditCard))), ("iban", Quote(f.Iban().As(E.IbanCode))),
            ("amount", "249.90"), ("created_at", Quote(f.LogTimestamp("iso").As(E.DateTime))),
        ],
        f =>
        [
            ("employee", Quote(f.Person().Full.As(E.Person))), ("nationality", Quote(f.Nationality().As(E.Nrp))),
            ("religion", Quote(f.Religion().As(E.Nrp))), ("ni_number", Quote(f.UkNino().As(E.UkNino))),
            ("passport_no", Quote(f.UsPassport().As(E.UsPassport))), ("office", Quote(f.City().As(E.Location))),
        ],
        f =>
        [
            ("device_id", Quote(f.Random.Uuid().ToString())), ("mac", Quote(f.MacAddress().As(E.MacAddress))),
            ("ip", Quote(f.IpAddress().As(E.IpAddress))), ("last_seen", Quote(f.LogTimestamp("iso").As(E.DateTime))), ("firmware", Quote("3.14.2")),
        ],
        f =>
        [
            ("wallet", Quote(f.CryptoAddress().As(E.CryptoAddress))), ("owner_email", Quote(f.Email().As(E.EmailAddress))),
            ("network", Quote("mainnet")), ("confirmations", f.Int(0, 12).ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ],
        f =>
        [
            ("patient", Quote(f.Person().Full.As(E.Person))), ("nhs_number", Quote(f.NhsNumber().As(E.UkNhsNumber))),
            ("gp_phone", Quote(f.Phone("GB").As(E.PhoneNumber))), ("registered", Quote(f.DateText().As(E.DateTime))),
        ],
        f =>
        [
            ("applicant", Quote(f.Person().Full.As(E.Person))), ("itin", Quote(f.Itin().As(E.UsItin))),
            ("bank_account", Quote(f.BankAccount().As(E.UsBankNumber))), ("state", Quote(f.UsState().As(E.Location))),
        ],
        f =>
        {
            var (state, number) = f.UsDriverLicense();
            return
            [
                ("renter", Quote(f.Person("en").Full.As(E.Person))), ("driver_license", Quote(number.As(E.UsDriverLicense))),
                ("license_state", Quote(state.As(E.Location))), ("pickup", Quote(f.DateText().As(E.DateTime))),
            ];
        },
        f =>
        {
            var doctor = f.Person("en");
            return
            [
                ("prescriber", Quote(doctor.Full.As(E.Person))), ("dea", Quote(f.DeaNumber(doctor.Last).As(E.MedicalLicense))),
                ("drug", Quote("hydrocodone 10 mg")), ("quantity", "30"),
            ];
        },
    ];

    public static string Generate(PiiFaker f)
    {
        var fields = f.Pick(Records)(f);
        return f.Chance(0.5)
            ? "{" + string.Join(",", fields.Select(field => $"\"{field.Key}\":{field.Value}")) + "}"
            : "{\n" + string.Join(",\n", fields.Select(field => $"  \"{field.Key}\": {field.Value}")) + "\n}";
    }

    private static string Quote(string value) => $"\"{value}\"";
}
