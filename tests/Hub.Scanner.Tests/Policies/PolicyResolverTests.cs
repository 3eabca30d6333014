using Hub.Scanner.Policies;

namespace Hub.Scanner.Tests.Policies;

public sealed class PolicyResolverTests
{
    [Fact]
    public void Resolve_NoPolicy_IsMaximumProtection()
    {
        var (policy, errors) = ScannerTestKit.Policies.Resolve(null);

        Assert.Empty(errors);
        Assert.Equal(ScannerTestKit.Engine.Catalog.Names.Count, policy!.Actions.Count);
        Assert.All(policy.Actions.Values, action => Assert.Equal(ScanAction.Redact, action));
        Assert.Equal(0.5, policy.MinScore);
        Assert.Equal(PlaceholderStyle.Type, policy.Placeholder);
    }

    [Fact]
    public void Resolve_DefaultOffWithOneEntity_ScansThatEntityAlone()
    {
        var (policy, _) = ScannerTestKit.Policies.Resolve(new ScanPolicyRequest(
            Entities: new() { ["X_CODE"] = "BLOCK" }, DefaultAction: "off",
            CustomRegex: [new CustomRegexRequest("X_CODE", "X-\\d+")]));

        Assert.Equal(["X_CODE"], policy!.Enabled);
        Assert.Equal(ScanAction.Block, policy.Actions["X_CODE"]);
    }

    public static TheoryData<ScanPolicyRequest, string> InvalidPolicies => new()
    {
        { new ScanPolicyRequest(DefaultAction: "DELETE"), "policy.default_action" },
        { new ScanPolicyRequest(MinScore: 1.5), "policy.min_score" },
        { new ScanPolicyRequest(Placeholder: "stars"), "policy.placeholder" },
        { new ScanPolicyRequest(Entities: new() { ["NOT_A_TYPE"] = "REDACT" }), "policy.entities.NOT_A_TYPE" },
        { new ScanPolicyRequest(CustomRegex: [new CustomRegexRequest("lower", "x")]), "policy.custom_regex[0].name" },
        { new ScanPolicyRequest(CustomRegex: [new CustomRegexRequest("BAD", "([a-z]")]), "policy.custom_regex[0].pattern" },
        { new ScanPolicyRequest(CustomRegex: [new CustomRegexRequest("BACKREF", "(a)\\1")]), "policy.custom_regex[0].pattern" },
        { new ScanPolicyRequest(CustomRegex: [new CustomRegexRequest("LOOK", "(?<=a)b")]), "policy.custom_regex[0].pattern" },
        { new ScanPolicyRequest(CustomRegex: [new CustomRegexRequest("X", "x", Action: "NUKE")]), "policy.custom_regex[0].action" },
        { new ScanPolicyRequest(CustomRegex: [new CustomRegexRequest("X", "")]), "policy.custom_regex[0].pattern" },
    };

    [Theory]
    [MemberData(nameof(InvalidPolicies))]
    public void Resolve_InvalidField_ReportsThatField(ScanPolicyRequest request, string field)
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
        var policy = new ScanPolicyRequest(DefaultAction: "OFF", CustomRegex: [new CustomRegexRequest("EVIL", "(a+)+$")]);

        var result = ScannerTestKit.Scan([text], policy);

        Assert.Empty(result.Findings);
    }

    [Fact]
    public void Scan_CustomRegexBlock_BlocksAndRedacts()
    {
        var policy = new ScanPolicyRequest(DefaultAction: "OFF",
            CustomRegex: [new CustomRegexRequest("INTERNAL_PROJECT_CODE", "PRJ-[A-Z]{2}-\\d{4,}", "BLOCK")]);

        var result = ScannerTestKit.Scan(["ship PRJ-AB-12345 today"], policy);

        Assert.True(result.Blocked);
        Assert.Equal("ship [INTERNAL_PROJECT_CODE] today", result.RedactedTexts[0]);
        var finding = Assert.Single(result.Findings);
        Assert.Equal((5, 17, 0.85), (finding.Start, finding.End, finding.Score));
    }

    [Fact]
    public void Scan_CustomRegexLog_RecordsWithoutChangingText()
    {
        var policy = new ScanPolicyRequest(DefaultAction: "OFF", CustomRegex: [new CustomRegexRequest("TICKET", "TCK-\\d+", "LOG")]);

        var result = ScannerTestKit.Scan(["see TCK-42"], policy);

        Assert.False(result.Blocked);
        Assert.Equal("see TCK-42", result.RedactedTexts[0]);
        Assert.Equal(ScanAction.Log, Assert.Single(result.Findings).Action);
    }
}
