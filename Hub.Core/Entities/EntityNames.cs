using System.Collections.Frozen;

namespace Hub.Core.Entities;

/// <summary>
/// Every entity type Hub knows, as it appears on the wire: the one list that policies are validated
/// against (Hub.Admin at save time, Hub.Scanner per request) and that the scanner's recognizers report.
/// </summary>
public static class EntityNames
{
    public const string ApiKey = "API_KEY";
    public const string AwsAccessKey = "AWS_ACCESS_KEY";
    public const string AwsSecretKey = "AWS_SECRET_KEY";
    public const string PrivateKey = "PRIVATE_KEY";
    public const string GitHubToken = "GITHUB_TOKEN";
    public const string SlackWebhook = "SLACK_WEBHOOK";
    public const string CreditCard = "CREDIT_CARD";
    public const string IbanCode = "IBAN_CODE";
    public const string UsBankNumber = "US_BANK_NUMBER";
    public const string CryptoAddress = "CRYPTO_ADDRESS";
    public const string UsItin = "US_ITIN";
    public const string EmailAddress = "EMAIL_ADDRESS";
    public const string PhoneNumber = "PHONE_NUMBER";
    public const string UsSsn = "US_SSN";
    public const string UsPassport = "US_PASSPORT";
    public const string Person = "PERSON";
    public const string StreetAddress = "STREET_ADDRESS";
    public const string DateTime = "DATE_TIME";
    public const string Nrp = "NRP";
    public const string UkNino = "UK_NINO";
    public const string UkNhsNumber = "UK_NHS_NUMBER";
    public const string IpAddress = "IP_ADDRESS";
    public const string MacAddress = "MAC_ADDRESS";
    public const string Location = "LOCATION";
    public const string Url = "URL";
    public const string MedicalLicense = "MEDICAL_LICENSE";
    public const string UsDriverLicense = "US_DRIVER_LICENSE";

    /// <summary>
    /// Jailbreaks and injected instructions. Unlike the data types it is BLOCK unless a policy names it:
    /// a policy's <c>default_action</c> does not apply to it.
    /// </summary>
    public const string PromptInjection = "PROMPT_INJECTION";

    /// <summary>All 28 names, in the order above.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        ApiKey, AwsAccessKey, AwsSecretKey, PrivateKey, GitHubToken, SlackWebhook,
        CreditCard, IbanCode, UsBankNumber, CryptoAddress, UsItin,
        EmailAddress, PhoneNumber, UsSsn, UsPassport, Person, StreetAddress, DateTime, Nrp,
        UkNino, UkNhsNumber, IpAddress, MacAddress, Location, Url, MedicalLicense, UsDriverLicense,
        PromptInjection,
    ];

    private static readonly FrozenSet<string> Known = All.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="name"/> is a built-in type (names are case-sensitive, like the wire).</summary>
    public static bool IsKnown(string name) => Known.Contains(name);
}
