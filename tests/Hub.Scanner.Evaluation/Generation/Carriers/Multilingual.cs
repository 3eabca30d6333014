using Hub.Scanner.Evaluation.Corpus;
using Hub.Scanner.Evaluation.Generation.Values;
using E = Hub.Core.Entities.EntityNames;

namespace Hub.Scanner.Evaluation.Generation.Carriers;

/// <summary>German, French, Spanish, Portuguese and Italian messages with names, places and numbers of those countries.</summary>
internal static class Multilingual
{
    private static readonly Func<PiiFaker, string>[] German =
    [
        f => $"Hallo, ich bin {Name(f, "de")} und wohne in der {f.StreetAddress("DE").As(E.StreetAddress)}. Meine IBAN lautet {f.Iban("DE").As(E.IbanCode)}, Telefon {f.Phone("DE").As(E.PhoneNumber)}.",
        f => $"Sehr geehrte Frau {f.In("de").Name.LastName().As(E.Person)}, Ihr Termin am {f.DateIn("de").As(E.DateTime)} in {f.Pick(WordLists.GermanCities).As(E.Location)} ist bestätigt. Bei Fragen: {f.Email().As(E.EmailAddress)}.",
        f => $"Bitte überweisen Sie den Betrag auf das Konto {f.Iban(f.Pick(["DE", "AT", "CH"])).As(E.IbanCode)} (Kontoinhaber: {Name(f, f.Pick(["de", "de_CH"]))}).",
        f => $"Die Kreditkarte {f.CreditCard().As(E.CreditCard)} von {Name(f, "de")} wurde am {f.DateIn("de").As(E.DateTime)} gesperrt.",
    ];

    private static readonly Func<PiiFaker, string>[] French =
    [
        f => $"Bonjour, je m'appelle {Name(f, "fr")} et j'habite au {f.StreetAddress("FR").As(E.StreetAddress)}. Mon numéro est le {f.Phone("FR").As(E.PhoneNumber)}.",
        f => $"Le rendez-vous de {Name(f, "fr")} est fixé au {f.DateIn("fr").As(E.DateTime)} à {f.In("fr").Address.City().As(E.Location)}. Merci d'écrire à {f.Email().As(E.EmailAddress)}.",
        f => $"Veuillez virer le solde sur le compte {f.Iban(f.Pick(["FR", "BE", "LU"])).As(E.IbanCode)} au nom de {Name(f, "fr")}.",
        f => $"Mme {f.In("fr").Name.LastName().As(E.Person)}, née le {f.DateIn("fr").As(E.DateTime)}, a perdu sa carte {f.CreditCard().As(E.CreditCard)}.",
    ];

    private static readonly Func<PiiFaker, string>[] Spanish =
    [
        f => $"Hola, soy {Name(f, "es")}. Vivo en {f.StreetAddress("ES").As(E.StreetAddress)} y mi teléfono es {f.Phone("ES").As(E.PhoneNumber)}.",
        f => $"Por favor, transfiera el pago a la cuenta {f.Iban("ES").As(E.IbanCode)} a nombre de {Name(f, f.Pick(["es", "es_MX"]))}.",
        f => $"El paciente {Name(f, "es_MX")}, nacido el {f.DateIn("es").As(E.DateTime)} en {f.In("es_MX").Address.City().As(E.Location)}, llega a consulta por dolor de espalda.",
        f => $"Mi correo es {f.Email().As(E.EmailAddress)} y mi móvil {f.Phone(f.Pick(["ES", "MX"])).As(E.PhoneNumber)}; llámame después de las cinco.",
    ];

    private static readonly Func<PiiFaker, string>[] Portuguese =
    [
        f => $"Olá, meu nome é {Name(f, "pt_BR")} e moro na {f.StreetAddress("BR").As(E.StreetAddress)}. Meu celular é {f.Phone("BR").As(E.PhoneNumber)}.",
        f => $"Segue o IBAN para o reembolso: {f.Iban("PT").As(E.IbanCode)}. Titular: {Name(f, "pt_PT")}.",
        f => $"A consulta de {Name(f, "pt_BR")} ficou para {f.DateIn("pt").As(E.DateTime)} em {f.In("pt_BR").Address.City().As(E.Location)}.",
        f => $"Pode mandar o contrato para {f.Email().As(E.EmailAddress)}? O cartão usado foi {f.CreditCard().As(E.CreditCard)}.",
    ];

    private static readonly Func<PiiFaker, string>[] Italian =
    [
        f => $"Buongiorno, sono {Name(f, "it")} e abito in {f.StreetAddress("IT").As(E.StreetAddress)}. Il mio IBAN è {f.Iban("IT").As(E.IbanCode)}.",
        f => $"La signora {Name(f, "it")} ha un appuntamento il {f.DateIn("it").As(E.DateTime)} a {f.Pick(WordLists.ItalianCities).As(E.Location)}; cellulare {f.Phone("IT").As(E.PhoneNumber)}.",
        f => $"Per favore inviate la fattura a {f.Email().As(E.EmailAddress)} entro il {f.DateIn("it").As(E.DateTime)}.",
        f => $"Il signor {Name(f, "it")} ci ha scritto da {f.IPv4().As(E.IpAddress)} chiedendo il rimborso.",
    ];

    private static readonly Func<PiiFaker, string>[][] Languages = [German, French, Spanish, Portuguese, Italian];

    public static string Generate(PiiFaker f) => f.Pick(f.Pick(Languages))(f);

    private static string Name(PiiFaker f, string locale) => f.Person(locale).Full.As(E.Person);
}
