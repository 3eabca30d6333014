using Hub.Core.Entities;
using Hub.Core.Policies;

namespace Hub.Core.Tests.Policies;

public sealed class PolicyTemplatesTests
{
    private static readonly PolicyValidator Validator = new(new CustomPatternCompiler());

    public static TheoryData<string> TemplateIds => [.. PolicyTemplates.All.Select(template => template.Id)];

    [Fact]
    public void All_AreTheFiveBuiltInTemplates()
    {
        Assert.Equal(["maximum-protection", "hipaa", "pci-dss", "secrets", "gdpr"], PolicyTemplates.All.Select(template => template.Id));
        Assert.Equal(["Maximum Protection", "HIPAA", "PCI-DSS", "Secrets", "GDPR"], PolicyTemplates.All.Select(template => template.Name));
        Assert.All(PolicyTemplates.All, template => Assert.False(string.IsNullOrWhiteSpace(template.Description)));
    }

    [Theory]
    [MemberData(nameof(TemplateIds))]
    public void Template_PassesTheValidator(string id)
    {
        var template = PolicyTemplates.Find(id)!;

        var validation = Validator.Validate(template.Document);

        Assert.Empty(validation.Errors);
        Assert.NotEmpty(validation.Policy!.Entities);
    }

    [Theory]
    [MemberData(nameof(TemplateIds))]
    public void Template_DocumentJson_RoundTrips(string id)
    {
        var template = PolicyTemplates.Find(id)!;

        var reread = PolicyJson.Deserialize(template.DocumentJson);

        Assert.Equal(template.DocumentJson, PolicyJson.Serialize(reread));
        Assert.Equal(template.Document.Entities, reread.Entities);
    }

    [Fact]
    public void MaximumProtection_RedactsEverythingAndBlocksInjection()
    {
        Assert.Same(PolicyTemplates.MaximumProtection, PolicyTemplates.GlobalDefault);
        Assert.Equal("""{"entities":{"PROMPT_INJECTION":"BLOCK"},"default_action":"REDACT"}""", PolicyTemplates.MaximumProtection.DocumentJson);
    }

    [Theory]
    [InlineData("hipaa", "REDACT", new[]
    {
        EntityNames.Person, EntityNames.DateTime, EntityNames.UsSsn, EntityNames.MedicalLicense, EntityNames.StreetAddress,
        EntityNames.Location, EntityNames.PhoneNumber, EntityNames.EmailAddress, EntityNames.UkNhsNumber,
        EntityNames.UsDriverLicense, EntityNames.Url, EntityNames.IpAddress,
    })]
    [InlineData("pci-dss", "BLOCK", new[] { EntityNames.CreditCard, EntityNames.IbanCode, EntityNames.UsBankNumber })]
    [InlineData("secrets", "BLOCK", new[]
    {
        EntityNames.ApiKey, EntityNames.AwsAccessKey, EntityNames.AwsSecretKey, EntityNames.PrivateKey, EntityNames.GitHubToken,
        EntityNames.SlackWebhook,
    })]
    [InlineData("gdpr", "REDACT", new[]
    {
        EntityNames.Person, EntityNames.EmailAddress, EntityNames.PhoneNumber, EntityNames.StreetAddress, EntityNames.Location,
        EntityNames.DateTime, EntityNames.IpAddress, EntityNames.MacAddress, EntityNames.IbanCode, EntityNames.CreditCard,
        EntityNames.Nrp, EntityNames.UkNino, EntityNames.UkNhsNumber,
    })]
    public void ComplianceTemplate_ActsOnItsTypesAndTurnsTheRestOff(string id, string action, string[] entities)
    {
        var document = PolicyTemplates.Find(id)!.Document;

        Assert.Equal("OFF", document.DefaultAction);
        Assert.Equal(entities.Order(StringComparer.Ordinal), document.Entities!.Keys.Order(StringComparer.Ordinal));
        Assert.All(document.Entities.Values, value => Assert.Equal(action, value));
    }

    [Fact]
    public void Find_UnknownId_IsNull() => Assert.Null(PolicyTemplates.Find("sox"));
}
