using System.Globalization;
using Hub.Scanner.Evaluation.Corpus;
using Hub.Scanner.Evaluation.Generation.Values;
using E = Hub.Core.Entities.EntityNames;

namespace Hub.Scanner.Evaluation.Generation.Carriers;

/// <summary>E-mails with headers, a body and a signature.</summary>
internal static class Emails
{
    private static readonly Func<PiiFaker, PersonName, string>[] Bodies =
    [
        (f, _) => $"As discussed, please wire the deposit to IBAN {f.Iban().As(E.IbanCode)} before {f.DateText().As(E.DateTime)}. The reference is PO-{f.Digits(5)}.",
        (f, _) => $"The meeting moved to {f.DateText().As(E.DateTime)}. Join here: {f.Url().As(E.Url)} (passcode {f.Digits(6)}).",
        (f, _) => $"For payroll I still need your SSN ({f.Ssn().As(E.UsSsn)} is what we have on file, please confirm) and your start date, {f.DateText().As(E.DateTime)}.",
        (f, _) => $"Your flight from {f.City().As(E.Location)} to {f.City().As(E.Location)} is booked. Passport on the booking: {f.UsPassport().As(E.UsPassport)}.",
        (f, _) => $"I've attached the lease for {f.StreetAddress().As(E.StreetAddress)}. {f.Person().Full.As(E.Person)} from the agency will call you on {f.Phone().As(E.PhoneNumber)}.",
        (f, _) => $"The new bank details for invoices are account {f.BankAccount().As(E.UsBankNumber)}; please update your records.",
        (f, to) => $"Happy birthday for {f.DateText().As(E.DateTime)}, {to.First.As(E.Person)}! The team chipped in for a gift.",
        (f, _) => $"Access to the build server ({f.IpAddress().As(E.IpAddress)}) is restored. Use the key {f.ApiKey().Value.As(E.ApiKey)} until IT rotates it.",
    ];

    public static string Generate(PiiFaker f)
    {
        var sender = f.Person();
        var recipient = f.Person();
        var sent = f.Moment().ToString("ddd, d MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture);
        var signature = f.Int(0, 2) switch
        {
            0 => $"{sender.Full.As(E.Person)}\n{f.Pick(["Account Manager", "Office Manager", "Head of Finance", "Paralegal"])} | {f.Pick(WordLists.Companies)}\nTel: {f.Phone().As(E.PhoneNumber)}\n{f.StreetAddress().As(E.StreetAddress)}",
            1 => $"{sender.First.As(E.Person)}\nSent from my phone",
            _ => $"Kind regards,\n{sender.Full.As(E.Person)}\nMobile {f.Phone().As(E.PhoneNumber)}",
        };
        return $"From: {sender.Full.As(E.Person)} <{f.Email(sender).As(E.EmailAddress)}>\nTo: {recipient.Full.As(E.Person)} <{f.Email(recipient).As(E.EmailAddress)}>\nDate: {sent.As(E.DateTime)}\nSubject: {f.Pick(["Re: contract", "Next steps", "Quick update", "Fwd: documents"])}\n\nHi {recipient.First.As(E.Person)},\n\n{f.Pick(Bodies)(f, recipient)}\n\n{signature}";
    }
}
