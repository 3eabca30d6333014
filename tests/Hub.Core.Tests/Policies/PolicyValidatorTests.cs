using System.Text.RegularExpressions;
using Hub.Core.Entities;
using Hub.Core.Policies;

namespace Hub.Core.Tests.Policies;

public sealed class PolicyValidatorTests
{
    private static readonly PolicyValidator Validator = new(new CustomPatternCompiler());

    [Fact]
    public void Validate_EmptyDocument_IsRedactAtTheDefaults()
    {
        var policy = Validator.Validate(new PolicyDocument()).Policy;

        Assert.NotNull(policy);
        Assert.Equal((ScanAction.Redact, 0.5, PlaceholderStyle.Type), (policy.DefaultAction, policy.MinScore, policy.Placeholder));
        Assert.Empty(policy.Entities);
        Assert.Empty(policy.CustomEntities);
    }

    [Fact]
    public void Validate_EveryField_IsParsedCaseInsensitively()
    {
        var document = new PolicyDocument(
            Entities: new Dictionary<string, string> { [EntityNames.UsSsn] = "block", ["TICKET"] = "Log" },
            DefaultAction: "off", MinScore: 0.7, Placeholder: "NUMBERED",
            CustomRegex: [new CustomEntityPattern("TICKET", "TCK-\\d+", "redact", 0.9)]);

        var policy = Validator.Validate(document).Policy!;

        Assert.Equal((ScanAction.Off, 0.7, PlaceholderStyle.Numbered), (policy.DefaultAction, policy.MinScore, policy.Placeholder));
        Assert.Equal(ScanAction.Block, policy.Entities[EntityNames.UsSsn]);
        Assert.Equal(ScanAction.Log, policy.Entities["TICKET"]);
        var custom = Assert.Single(policy.CustomEntities);
        Assert.Equal(("TICKET", ScanAction.Redact, 0.9), (custom.Name, custom.Action, custom.Score));
    }

    [Fact]
    public void Validate_NoImageFields_ScansImagesFetchesRemoteOnesAndBlocksOnATimeout() =>
        Assert.Equal(
            new ImageRules(ImageMode.Scan, RemoteImageMode.Fetch, OcrTimeoutAction.Block),
            Validator.Validate(new PolicyDocument()).Policy!.Images);

    [Theory]
    [InlineData("scan", "fetch", "block", ImageMode.Scan, RemoteImageMode.Fetch, OcrTimeoutAction.Block)]
    [InlineData("BLOCK_ALL", "Refuse", "allow", ImageMode.BlockAll, RemoteImageMode.Refuse, OcrTimeoutAction.Allow)]
    [InlineData("allow", null, null, ImageMode.Allow, RemoteImageMode.Fetch, OcrTimeoutAction.Block)]
    public void Validate_ImageFields_AreParsedCaseInsensitively(
        string images, string? remote, string? timeout, ImageMode mode, RemoteImageMode remoteMode, OcrTimeoutAction onTimeout) =>
        Assert.Equal(
            new ImageRules(mode, remoteMode, onTimeout),
            Validator.Validate(new PolicyDocument(Images: images, RemoteImages: remote, ImageOcrTimeout: timeout)).Policy!.Images);

    [Fact]
    public void ImageFields_RoundTripThroughPolicyJsonInSnakeCase()
    {
        var json = PolicyJson.Serialize(new PolicyDocument(Images: "block_all", RemoteImages: "refuse", ImageOcrTimeout: "allow"));

        Assert.Equal("""{"images":"block_all","remote_images":"refuse","image_ocr_timeout":"allow"}""", json);
        Assert.Equal("refuse", PolicyJson.Deserialize(json).RemoteImages);
    }

    [Fact]
    public void Validate_CustomPattern_IsCompiledAsTheScannerRunsIt()
    {
        var document = new PolicyDocument(CustomRegex: [new CustomEntityPattern("X_CODE", "X-\\d+")]);

        var custom = Assert.Single(Validator.Validate(document).Policy!.CustomEntities);

        Assert.Equal(RegexOptions.NonBacktracking | RegexOptions.CultureInvariant, custom.Regex.Options);
        Assert.Equal(TimeSpan.FromMilliseconds(250), custom.Regex.MatchTimeout);
        Assert.Equal(CustomEntityPattern.DefaultScore, custom.Score);
        Assert.Equal(ScanAction.Redact, custom.Action);
    }

    [Fact]
    public void Validate_PromptInjection_IsAKnownType()
    {
        var document = new PolicyDocument(Entities: new Dictionary<string, string> { [EntityNames.PromptInjection] = "BLOCK" });

        var validation = Validator.Validate(document);

        Assert.Empty(validation.Errors);
        Assert.Equal(ScanAction.Block, validation.Policy!.Entities[EntityNames.PromptInjection]);
    }

    public static TheoryData<PolicyDocument, string, string> InvalidPolicies => new()
    {
        { new PolicyDocument(DefaultAction: "DELETE"), "policy.default_action", "'DELETE' is not one of OFF, LOG, REDACT, BLOCK." },
        { new PolicyDocument(MinScore: 1.5), "policy.min_score", "Must be between 0 and 1." },
        { new PolicyDocument(MinScore: double.NaN), "policy.min_score", "Must be between 0 and 1." },
        { new PolicyDocument(Placeholder: "stars"), "policy.placeholder", "Must be \"type\" or \"numbered\"." },
        { new PolicyDocument(Placeholder: "1"), "policy.placeholder", "Must be \"type\" or \"numbered\"." },
        {
            new PolicyDocument(Entities: new Dictionary<string, string> { ["NOT_A_TYPE"] = "REDACT" }), "policy.entities.NOT_A_TYPE",
            "Unknown entity type 'NOT_A_TYPE': neither a built-in type nor a custom_regex name."
        },
        { new PolicyDocument(Entities: new Dictionary<string, string> { ["US_SSN"] = "HIDE" }), "policy.entities.US_SSN", "'HIDE' is not one of OFF, LOG, REDACT, BLOCK." },
        { Custom(new CustomEntityPattern("lower", "x")), "policy.custom_regex[0].name", "An UPPER_SNAKE_CASE name of up to 64 characters is required." },
        { Custom(new CustomEntityPattern(null, "x")), "policy.custom_regex[0].name", "An UPPER_SNAKE_CASE name of up to 64 characters is required." },
        { Custom(new CustomEntityPattern("US_SSN", "x")), "policy.custom_regex[0].name", "'US_SSN' is already an entity type." },
        { Custom(new CustomEntityPattern("PROMPT_INJECTION", "x")), "policy.custom_regex[0].name", "'PROMPT_INJECTION' is already an entity type." },
        { Custom(new CustomEntityPattern("X", "x"), new CustomEntityPattern("X", "y")), "policy.custom_regex[1].name", "'X' is already an entity type." },
        { Custom(new CustomEntityPattern("X", "x", Action: "NUKE")), "policy.custom_regex[0].action", "'NUKE' is not one of OFF, LOG, REDACT, BLOCK." },
        { Custom(new CustomEntityPattern("X", "x", Score: -0.1)), "policy.custom_regex[0].score", "Must be between 0 and 1." },
        { Custom(new CustomEntityPattern("X", "")), "policy.custom_regex[0].pattern", "A pattern of 1 to 1000 characters is required." },
        { Custom(new CustomEntityPattern("X", new string('a', 1001))), "policy.custom_regex[0].pattern", "A pattern of 1 to 1000 characters is required." },
        { new PolicyDocument(CustomRegex: [null!]), "policy.custom_regex[0]", "Must be an object with a name and a pattern." },
        { new PolicyDocument(Images: "ocr"), "policy.images", "Must be \"scan\", \"block_all\" or \"allow\"." },
        { new PolicyDocument(Images: "1"), "policy.images", "Must be \"scan\", \"block_all\" or \"allow\"." },
        { new PolicyDocument(RemoteImages: "proxy"), "policy.remote_images", "Must be \"fetch\" or \"refuse\"." },
        { new PolicyDocument(ImageOcrTimeout: "retry"), "policy.image_ocr_timeout", "Must be \"block\" or \"allow\"." },
        { Custom([.. Enumerable.Range(0, 51).Select(i => new CustomEntityPattern($"C{i}", "x"))]), "policy.custom_regex", "At most 50 custom entities." },
    };

    [Theory]
    [MemberData(nameof(InvalidPolicies))]
    public void Validate_InvalidField_NamesTheFieldAndTheReason(PolicyDocument document, string field, string reason)
    {
        var validation = Validator.Validate(document);

        Assert.False(validation.IsValid);
        Assert.Null(validation.Policy);
        Assert.Equal([reason], validation.Errors[field]);
    }

    [Theory]
    [InlineData("([a-z]", "Invalid pattern '([a-z]' at offset 6. Not enough )'s.")]
    [InlineData("[z-a]", "Invalid pattern '[z-a]' at offset 4. [x-y] range in reverse order.")]
    public void Validate_SyntaxError_ReasonIsTheParserMessage(string pattern, string message)
    {
        var validation = Validator.Validate(Custom(new CustomEntityPattern("X", pattern)));

        Assert.Equal([$"The pattern cannot be used: {message}"], validation.Errors["policy.custom_regex[0].pattern"]);
    }

    [Theory]
    [InlineData("(a)\\1", "backreference")]
    [InlineData("(?<=a)b", "positive lookbehind")]
    [InlineData("a(?=b)", "positive lookahead")]
    [InlineData("a(?!b)", "negative lookahead")]
    [InlineData("(?>a+)b", "atomic subexpressions")]
    public void Validate_ConstructTheNonBacktrackingEngineCannotRun_IsRefusedWithTheReason(string pattern, string construct)
    {
        var validation = Validator.Validate(Custom(new CustomEntityPattern("X", pattern)));

        var reason = Assert.Single(validation.Errors["policy.custom_regex[0].pattern"]);
        Assert.StartsWith("The pattern cannot be used: ", reason, StringComparison.Ordinal);
        Assert.Contains("NonBacktracking", reason, StringComparison.Ordinal);
        Assert.Contains(construct, reason, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Validate_EntityNamingACustomPatternWithABadPattern_ReportsOnlyThePattern()
    {
        var document = new PolicyDocument(
            Entities: new Dictionary<string, string> { ["X_CODE"] = "BLOCK" }, CustomRegex: [new CustomEntityPattern("X_CODE", "([")]);

        var validation = Validator.Validate(document);

        Assert.Equal(["policy.custom_regex[0].pattern"], validation.Errors.Keys);
    }

    [Fact]
    public void Validate_SeveralErrors_ReportsEachField()
    {
        var document = new PolicyDocument(DefaultAction: "NOPE", MinScore: 2, CustomRegex: [new CustomEntityPattern("X", "(a)\\1")]);

        var validation = Validator.Validate(document);

        Assert.Equal(
            ["policy.custom_regex[0].pattern", "policy.default_action", "policy.min_score"],
            validation.Errors.Keys.Order(StringComparer.Ordinal));
    }

    private static PolicyDocument Custom(params CustomEntityPattern[] patterns) => new(CustomRegex: patterns);
}
