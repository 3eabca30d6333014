namespace Hub.Scanner.Recognizers;

/// <summary>The built-in entity types, as they appear on the wire. PROMPT_INJECTION (issue #5) joins them later.</summary>
internal static class EntityNames
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
}
