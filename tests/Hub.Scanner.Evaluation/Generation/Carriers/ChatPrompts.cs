using Hub.Scanner.Evaluation.Corpus;
using Hub.Scanner.Evaluation.Generation.Values;
using E = Hub.Core.Entities.EntityNames;

namespace Hub.Scanner.Evaluation.Generation.Carriers;

/// <summary>What people paste into a chat assistant: requests that carry someone's personal data.</summary>
internal static class ChatPrompts
{
    private static readonly Func<PiiFaker, string>[] Templates =
    [
        f => $"Summarize this patient record: {Name(f)}, SSN {f.Ssn().As(E.UsSsn)}, DOB {f.BirthDate().As(E.DateTime)}. Diagnosis: type 2 diabetes, follow-up in three months.",
        f =>
        {
            var person = f.Person();
            return $"Write a polite follow-up email to {person.Full.As(E.Person)} ({f.Email(person).As(E.EmailAddress)}) about invoice INV-{f.Digits(5)}. Keep it under 100 words.";
        },
        f => $"My credit card {f.CreditCard().As(E.CreditCard)} was charged twice for order #{f.Digits(7)}. Can you draft a dispute letter to my bank?",
        f => $"Please check whether this IBAN is formatted correctly: {f.Iban().As(E.IbanCode)}. The transfer to {Name(f)} keeps failing.",
        f => $"I'm moving from {f.City().As(E.Location)} to {f.City().As(E.Location)} next month. My new address is {f.StreetAddress().As(E.StreetAddress)}. Which utilities should I notify?",
        f => $"Fill in this visa form for me. Name: {Name(f)}. Phone: {f.Phone().As(E.PhoneNumber)}. Passport number: {f.UsPassport().As(E.UsPassport)}. Date of birth: {f.BirthDate().As(E.DateTime)}.",
        f =>
        {
            var (state, number) = f.UsDriverLicense();
            return $"The rental desk asked for my driver's license number, {number.As(E.UsDriverLicense)} ({state.As(E.Location)}). Is it safe to give it over email?";
        },
        f => $"Translate to Spanish: \"Dear {Name(f)}, your appointment is confirmed for {f.DateText().As(E.DateTime)}. Call {f.Phone().As(E.PhoneNumber)} to reschedule.\"",
        f => $"Debug this for me: my laptop at {f.IPv4().As(E.IpAddress)} cannot reach the printer, whose MAC is {f.MacAddress().As(E.MacAddress)}. Both are on VLAN 20.",
        f => $"My ITIN is {f.Itin().As(E.UsItin)} and I filed my 2023 return late. What penalties apply?",
        f => $"Why does the wallet {f.CryptoAddress().As(E.CryptoAddress)} show a zero balance? I sent 0.05 BTC to it two hours ago.",
        f => $"Write a short bio for {Name(f)}, a {f.Nationality().As(E.Nrp)} engineer based in {f.City().As(E.Location)} who volunteers at the local {f.Religion().As(E.Nrp)} community centre.",
        f => $"My National Insurance number is {f.UkNino().As(E.UkNino)} and my NHS number is {f.NhsNumber().As(E.UkNhsNumber)}. Which one does my GP surgery need?",
        f => $"I'm a {f.PoliticalGroup().As(E.Nrp)} volunteer in {f.UsState().As(E.Location)}. Draft a flyer for the town hall meeting on {f.DateText().As(E.DateTime)}.",
        f => $"Why does this fail with 401? client = OpenAI(api_key=\"{f.ApiKey().Value.As(E.ApiKey)}\")",
        f =>
        {
            var doctor = f.Person("en");
            return $"{f.Title()} {doctor.Full.As(E.Person)} wrote a prescription with DEA number {f.DeaNumber(doctor.Last).As(E.MedicalLicense)}. How can the pharmacy verify it?";
        },
        f => $"Open {f.Url().As(E.Url)} and summarize the page for {Name(f)} in three bullet points.",
        f => $"My checking account number is {f.BankAccount().As(E.UsBankNumber)} at my credit union. How do I set up direct deposit with my employer?",
        f => $"Rewrite this more formally: hey {f.Person().First.As(E.Person)}, text me at {f.Phone().As(E.PhoneNumber)} or mail {f.Email().As(E.EmailAddress)} when you land in {f.City().As(E.Location)}.",
        f => $"Is {f.IpAddress().As(E.IpAddress)} a private address? Our firewall logs show it hitting /admin every few seconds.",
        f => $"Write a job ad for a nurse at our clinic at {f.StreetAddress("US").As(E.StreetAddress)}, which mostly serves {f.Ethnicity().As(E.Nrp)} families.",
        f => $"Here's my AWS access key {f.AwsAccessKeyId().As(E.AwsAccessKey)}; why does the S3 upload say SignatureDoesNotMatch?",
        f => $"My tax preparer needs my SSN ({f.Ssn().As(E.UsSsn)}) and my wife's ITIN ({f.Itin().As(E.UsItin)}). Can I send them by email?",
        f => $"I accidentally pushed my token {f.GitHubToken().As(E.GitHubToken)} to a public repo. How do I revoke it and check what it accessed?",
        f => $"Is this key still safe to use after I pasted it in a channel?\n\n{f.PrivateKeyPem().As(E.PrivateKey)}",
        f =>
        {
            var (state, number) = f.UsDriverLicense();
            return $"Check my details before I submit: {Name(f)}, driver's license {number.As(E.UsDriverLicense)} issued in {state.As(E.Location)}, expires {f.DateText().As(E.DateTime)}.";
        },
        f => $"Born {f.BirthDate().As(E.DateTime)} in {f.Country().As(E.Location)}, {Name(f)} emigrated as a child. Turn this into a timeline.",
    ];

    public static string Generate(PiiFaker f) => f.Pick(Templates)(f);

    private static string Name(PiiFaker f) => f.FullName(f.Person()).As(E.Person);
}
