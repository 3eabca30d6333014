using Hub.Core.Entities;
using Hub.Core.Policies;

namespace Hub.Scanner.Tests.Policies;

public sealed class PolicyResolverTests
{
    [Fact]
    public void Resolve_NoPolicy_IsMaximumProtection()
    {
        var (policy, errors) = ScannerTestKit.Policies.Resolve(null);

        Assert.Empty(errors);
        Assert.Equal(ScannerTestKit.Engine.Catalog.Names.Count, policy!.Actions.Count);
        Assert.All(policy.Actions, pair => Assert.Equal(pair.Key == EntityNames.PromptInjection ? ScanAction.Block : ScanAction.Redact, pair.Value));
        Assert.Equal(0.5, policy.MinScore);
        Assert.Equal(PlaceholderStyle.Type, policy.Placeholder);
    }

    [Fact]
    public void Resolve_DefaultOffWithOneEntity_ScansThatEntityAlone()
    {
        var (policy, _) = ScannerTestKit.Policies.Resolve(new PolicyDocument(
            Entities: new Dictionary<string, string> { ["X_CODE"] = "BLOCK" }, DefaultAction: "off",
            CustomRegex: [new CustomEntityPattern("X_CODE", "X-\\d+")]));

        // default_action is about data: PROMPT_INJECTION stays on unless the policy names it.
        Assert.Equal([EntityNames.PromptInjection, "X_CODE"], policy!.Enabled.Order(StringComparer.Ordinal));
        Assert.Equal(ScanAction.Block, policy.Actions["X_CODE"]);
    }

    [Fact]
    public void Resolve_PromptInjectionBlock_IsScannedBesideTheNamedEntities()
    {
        var (policy, errors) = ScannerTestKit.Policies.Resolve(new PolicyDocument(
            Entities: new Dictionary<string, string> { [EntityNames.PromptInjection] = "BLOCK", [EntityNames.UsSsn] = "BLOCK" }, DefaultAction: "OFF"));

        Assert.Empty(errors);
        Assert.Equal([EntityNames.PromptInjection, EntityNames.UsSsn], policy!.Enabled.Order(StringComparer.Ordinal));
        Assert.Equal(ScanAction.Block, policy.Actions[EntityNames.PromptInjection]);
    }

    [Fact]
    public void Resolve_CustomNameOfAReservedType_IsRefused()
    {
        var (policy, errors) = ScannerTestKit.Policies.Resolve(new PolicyDocument(
            CustomRegex: [new CustomEntityPattern(EntityNames.PromptInjection, "ignore previous")]));

        Assert.Null(policy);
        Assert.Equal(["'PROMPT_INJECTION' is already an entity type."], errors["policy.custom_regex[0].name"]);
    }

    public static TheoryData<PolicyDocument, string> InvalidPolicies => new()
    {
        { new PolicyDocument(DefaultAction: "DELETE"), "policy.default_action" },
        { new PolicyDocument(MinScore: 1.5), "policy.min_score" },
        { new PolicyDocument(Placeholder: "stars"), "policy.placeholder" },
        { new PolicyDocument(Entities: new Dictionary<string, string> { ["NOT_A_TYPE"] = "REDACT" }), "policy.entities.NOT_A_TYPE" },
        { new PolicyDocument(CustomRegex: [new CustomEntityPattern("lower", "x")]), "policy.custom_regex[0].name" },
        { new PolicyDocument(CustomRegex: [new CustomEntityPattern("BAD", "([a-z]")]), "policy.custom_regex[0].pattern" },
        { new PolicyDocument(CustomRegex: [new CustomEntityPattern("BACKREF", "(a)\\1")]), "policy.custom_regex[0].pattern" },
        { new PolicyDocument(CustomRegex: [new CustomEntityPattern("LOOK", "(?<=a)b")]), "policy.custom_regex[0].pattern" },
        { new PolicyDocument(CustomRegex: [new CustomEntityPattern("X", "x", Action: "NUKE")]), "policy.custom_regex[0].action" },
        { new PolicyDocument(CustomRegex: [new CustomEntityPattern("X", "")]), "policy.custom_regex[0].pattern" },
    };

    [Theory]
    [MemberData(nameof(InvalidPolicies))]
    public void Resolve_InvalidField_ReportsThatField(PolicyDocument request, string field)
    {
        var (policy, errors) = ScannerTestKit.Policies.Resolve(request);

        Assert.Null(policy);
        Assert.Contains(field, errors.Keys);
    }

    [Fact]
    public void Scan_CatastrophicCustomPattern_StaysLinear()
    {
        // (a+)+$ takes exponential time in a backtracking engine on "aaa…!"; the non-backtracking one is linear.
        var text = new string('a', 100_000) + "!";
        var policy = new PolicyDocument(DefaultAction: "OFF", CustomRegex: [new CustomEntityPattern("EVIL", "(a+)+$")]);

        var result = ScannerTestKit.Scan([text], policy);

        Assert.Empty(result.Findings);
    }

    [Fact]
    public void Scan_CustomRegexBlock_BlocksAndRedacts()
    {
        var policy = new PolicyDocument(DefaultAction: "OFF",
            CustomRegex: [new CustomEntityPattern("INTERNAL_PROJECT_CODE", "PRJ-[A-Z]{2}-\\d{4,}", "BLOCK")]);

        var result = ScannerTestKit.Scan(["ship PRJ-AB-12345 today"], policy);

        Assert.True(result.Blocked);
        Assert.Equal("ship [INTERNAL_PROJECT_CODE] today", result.RedactedTexts[0]);
        var finding = Assert.Single(result.Findings);
        Assert.Equal((5, 17, 0.85), (finding.Start, finding.End, finding.Score));
    }

    [Fact]
    public void Scan_CustomRegexLog_RecordsWithoutChangingText()
    {
        var policy = new PolicyDocument(DefaultAction: "OFF", CustomRegex: [new CustomEntityPattern("TICKET", "TCK-\\d+", "LOG")]);

        var result = ScannerTestKit.Scan(["see TCK-42"], policy);

        Assert.False(result.Blocked);
        Assert.Equal("see TCK-42", result.RedactedTexts[0]);
        Assert.Equal(ScanAction.Log, Assert.Single(result.Findings).Action);
    }
}
