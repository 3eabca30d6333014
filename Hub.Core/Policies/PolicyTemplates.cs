using System.Collections.ObjectModel;
using Hub.Core.Entities;

namespace Hub.Core.Policies;

/// <summary>A built-in policy to start from (<c>GET /admin/v1/policy-templates</c>).</summary>
public sealed record PolicyTemplate(string Id, string Name, string Description, PolicyDocument Document)
{
    /// <summary><see cref="Document"/> as <see cref="PolicyJson"/> writes it, computed once.</summary>
    public string DocumentJson { get; } = PolicyJson.Serialize(Document);
}

/// <summary>
/// The built-in templates. Each names the types it is about and turns the rest OFF, except Maximum
/// Protection, which is also the global default: it applies wherever no project version is active, so
/// Hub protects from the first request with no configuration.
/// </summary>
public static class PolicyTemplates
{
    public static PolicyTemplate MaximumProtection { get; } = new(
        "maximum-protection",
        "Maximum Protection",
        "Every entity type REDACT; prompt injection BLOCK. The global default.",
        new PolicyDocument(
            Entities: Actions(ScanAction.Block, EntityNames.PromptInjection),
            DefaultAction: ScanAction.Redact.ToWire()));

    /// <summary>The HIPAA Safe Harbor identifiers the scanner finds (45 CFR 164.514(b)(2)), redacted.</summary>
    public static PolicyTemplate Hipaa { get; } = Only(
        "hipaa",
        "HIPAA",
        "Protected health information: names, dates, SSNs, medical licences, addresses, phone numbers, e-mail, "
        + "and the other Safe Harbor identifiers the scanner finds (health and licence numbers, URLs, IP addresses). REDACT.",
        Actions(ScanAction.Redact,
            EntityNames.Person, EntityNames.DateTime, EntityNames.UsSsn, EntityNames.MedicalLicense,
            EntityNames.StreetAddress, EntityNames.Location, EntityNames.PhoneNumber, EntityNames.EmailAddress,
            EntityNames.UkNhsNumber, EntityNames.UsDriverLicense, EntityNames.Url, EntityNames.IpAddress));

    public static PolicyTemplate PciDss { get; } = Only(
        "pci-dss",
        "PCI-DSS",
        "Payment card and bank account data: card numbers, IBANs, US bank account numbers. BLOCK.",
        Actions(ScanAction.Block, EntityNames.CreditCard, EntityNames.IbanCode, EntityNames.UsBankNumber));

    public static PolicyTemplate Secrets { get; } = Only(
        "secrets",
        "Secrets",
        "Credentials: API keys, AWS keys, private keys, GitHub tokens, Slack webhooks. BLOCK.",
        Actions(ScanAction.Block,
            EntityNames.ApiKey, EntityNames.AwsAccessKey, EntityNames.AwsSecretKey, EntityNames.PrivateKey,
            EntityNames.GitHubToken, EntityNames.SlackWebhook));

    /// <summary>
    /// Personal data under GDPR Art. 4(1), including online identifiers (IP and MAC addresses) and the
    /// Art. 9 special categories the scanner finds (NRP: nationality, religion, political group).
    /// </summary>
    public static PolicyTemplate Gdpr { get; } = Only(
        "gdpr",
        "GDPR",
        "EU personal data: names, contact details, addresses and places, dates, online identifiers, "
        + "national and health numbers, payment data, and nationality, religious or political groups. REDACT.",
        Actions(ScanAction.Redact,
            EntityNames.Person, EntityNames.EmailAddress, EntityNames.PhoneNumber, EntityNames.StreetAddress,
            EntityNames.Location, EntityNames.DateTime, EntityNames.IpAddress, EntityNames.MacAddress,
            EntityNames.IbanCode, EntityNames.CreditCard, EntityNames.Nrp, EntityNames.UkNino, EntityNames.UkNhsNumber));

    public static IReadOnlyList<PolicyTemplate> All { get; } = [MaximumProtection, Hipaa, PciDss, Secrets, Gdpr];

    /// <summary>What applies to a project with no active version, and to account keys.</summary>
    public static PolicyTemplate GlobalDefault => MaximumProtection;

    public static PolicyTemplate? Find(string id) => All.FirstOrDefault(template => template.Id == id);

    private static PolicyTemplate Only(string id, string name, string description, IReadOnlyDictionary<string, string> entities) =>
        new(id, name, description, new PolicyDocument(Entities: entities, DefaultAction: ScanAction.Off.ToWire()));

    private static ReadOnlyDictionary<string, string> Actions(ScanAction action, params string[] entities) =>
        new(entities.ToDictionary(entity => entity, _ => action.ToWire(), StringComparer.Ordinal));
}
