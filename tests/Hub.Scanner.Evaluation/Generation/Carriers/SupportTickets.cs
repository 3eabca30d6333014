using Hub.Scanner.Evaluation.Corpus;
using Hub.Scanner.Evaluation.Generation.Values;
using E = Hub.Core.Entities.EntityNames;

namespace Hub.Scanner.Evaluation.Generation.Carriers;

/// <summary>Help-desk tickets: a header with the customer's details and a free-text message.</summary>
internal static class SupportTickets
{
    private static readonly Func<PiiFaker, string>[] Messages =
    [
        f => $"I paid with card {f.CreditCard().As(E.CreditCard)} on {f.DateText().As(E.DateTime)} and the refund of $49.99 still has not arrived.",
        f => $"Please ship the replacement to my new address: {f.StreetAddress().As(E.StreetAddress)}. The old one is no longer valid.",
        f => $"I keep getting locked out. The last successful login was from {f.IpAddress().As(E.IpAddress)}; the failed ones are not me.",
        f => $"The identity check rejected my passport {f.UsPassport().As(E.UsPassport)} twice. Error code E-4012.",
        f => $"Your form says my SSN {f.Ssn().As(E.UsSsn)} does not match my name. I have used it for 20 years.",
        f => $"I requested a withdrawal to {f.CryptoAddress().As(E.CryptoAddress)} but it has been pending for 3 days.",
        f => $"Please change my payout account to IBAN {f.Iban().As(E.IbanCode)}. The old account is closed.",
        f => $"Direct deposit failed. Account number {f.BankAccount().As(E.UsBankNumber)}, amount $1,250.00.",
        f => $"My colleague {Name(f)} ({f.Email().As(E.EmailAddress)}) needs admin access to workspace 7 as well.",
        f => $"Our router ({f.MacAddress().As(E.MacAddress)}) stopped getting an address after firmware 4.2.1.",
        f =>
        {
            var doctor = f.Person("en");
            return $"The pharmacy could not verify Dr. {doctor.Last.As(E.Person)}'s DEA number {f.DeaNumber(doctor.Last).As(E.MedicalLicense)} on my prescription.";
        },
        f => $"I moved to {f.City().As(E.Location)}, {f.Country().As(E.Location)}. Can I keep my plan?",
        f =>
        {
            var (state, number) = f.UsDriverLicense();
            return $"Upload of my {state.As(E.Location)} driver license ({number.As(E.UsDriverLicense)}) fails at 99%.";
        },
        f => $"Someone used our leaked GitHub token {f.GitHubToken().As(E.GitHubToken)} to push to main. Please revoke it.",
    ];

    public static string Generate(PiiFaker f)
    {
        var customer = f.Person();
        var header = f.Int(0, 2) switch
        {
            0 => $"Ticket #{f.Digits(6)} | Priority: {f.Pick(["Low", "Normal", "High", "Urgent"])}\nCustomer: {f.FullName(customer).As(E.Person)} <{f.Email(customer).As(E.EmailAddress)}>\nPhone: {f.Phone().As(E.PhoneNumber)}",
            1 => $"[Zendesk] Case {f.Digits(8)} opened {f.DateText().As(E.DateTime)}\nRequester: {customer.Full.As(E.Person)}\nEmail: {f.Email(customer).As(E.EmailAddress)}",
            _ => $"New ticket from {customer.Full.As(E.Person)} ({f.Email(customer).As(E.EmailAddress)}), plan: Business, seats: {f.Int(2, 250)}",
        };
        var body = f.Pick(Messages)(f);
        var closing = f.Chance(0.5) ? $"\n\nThanks,\n{customer.First.As(E.Person)}" : "";
        return $"{header}\nSubject: {f.Pick(["Refund", "Account issue", "Billing question", "Help needed", "Urgent: access"])}\n\n{body}{closing}";
    }

    private static string Name(PiiFaker f) => f.FullName(f.Person()).As(E.Person);
}
