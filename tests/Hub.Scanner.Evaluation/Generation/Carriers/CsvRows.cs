using Hub.Scanner.Evaluation.Corpus;
using Hub.Scanner.Evaluation.Generation.Values;
using E = Hub.Core.Entities.EntityNames;

namespace Hub.Scanner.Evaluation.Generation.Carriers;

/// <summary>An export pasted as CSV: a header and a few rows.</summary>
internal static class CsvRows
{
    private static readonly (string Header, Func<PiiFaker, string> Row)[] Tables =
    [
        ("name,email,phone,city", f =>
        {
            var person = f.Person();
            return $"{person.Full.As(E.Person)},{f.Email(person).As(E.EmailAddress)},{f.Phone().As(E.PhoneNumber)},{f.City().As(E.Location)}";
        }),
        ("first_name,last_name,ssn,dob,state", f =>
        {
            var person = f.Person("en");
            return $"{person.First.As(E.Person)},{person.Last.As(E.Person)},{f.Ssn().As(E.UsSsn)},{f.BirthDate().As(E.DateTime)},{f.UsState().As(E.Location)}";
        }),
        ("account_holder;iban;amount;booking_date", f =>
            $"{f.Person().Full.As(E.Person)};{f.Iban().As(E.IbanCode)};{f.Int(10, 9000)},{f.Int(0, 99):00};{f.DateText().As(E.DateTime)}"),
        ("employee_id,name,ni_number,nationality,start_date", f =>
            $"{f.Digits(5)},{f.Person("en_GB").Full.As(E.Person)},{f.UkNino().As(E.UkNino)},{f.Nationality().As(E.Nrp)},{f.DateText().As(E.DateTime)}"),
        ("customer_id,card_number,card_holder,country", f =>
            $"{f.Digits(7)},{f.CreditCard().As(E.CreditCard)},{f.Person().Full.As(E.Person)},{f.Country().As(E.Location)}"),
        ("host,ip,mac,owner", f =>
            $"{f.Word()}-{f.Int(1, 40):00},{f.IpAddress().As(E.IpAddress)},{f.MacAddress().As(E.MacAddress)},{f.Email().As(E.EmailAddress)}"),
        ("driver,dl_number,state,phone", f =>
        {
            var (state, number) = f.UsDriverLicense();
            return $"{f.Person("en").Full.As(E.Person)},{number.As(E.UsDriverLicense)},{state.As(E.Location)},{f.Phone("US").As(E.PhoneNumber)}";
        }),
        ("patient,nhs_number,gp,address", f =>
            $"{f.Person("en_GB").Full.As(E.Person)},{f.NhsNumber().As(E.UkNhsNumber)},Dr {f.Person("en_GB").Last.As(E.Person)},\"{f.StreetAddress("GB").As(E.StreetAddress)}\""),
    ];

    public static string Generate(PiiFaker f)
    {
        var (header, row) = f.Pick(Tables);
        var rows = Enumerable.Range(0, f.Int(2, 4)).Select(_ => row(f));
        return $"{header}\n{string.Join('\n', rows)}";
    }
}
