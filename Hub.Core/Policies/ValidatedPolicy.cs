using System.Text.RegularExpressions;

namespace Hub.Core.Policies;

/// <summary>A <see cref="PolicyDocument"/> that passed <see cref="PolicyValidator"/>, parsed and with its patterns compiled.</summary>
/// <param name="DefaultAction">The action of every built-in type not in <paramref name="Entities"/>.</param>
/// <param name="Entities">The document's explicit entries (built-in or custom names), in document order.</param>
/// <param name="CustomEntities">The custom types, each with its own action (an entry in <paramref name="Entities"/> overrides it).</param>
public sealed record ValidatedPolicy(
    ScanAction DefaultAction,
    double MinScore,
    PlaceholderStyle Placeholder,
    IReadOnlyDictionary<string, ScanAction> Entities,
    IReadOnlyList<ValidatedCustomEntity> CustomEntities)
{
    /// <summary>What happens to the request's images: <c>images</c>, <c>remote_images</c>, <c>image_ocr_timeout</c>.</summary>
    public ImageRules Images { get; init; } = ImageRules.Default;
}

public sealed record ValidatedCustomEntity(string Name, Regex Regex, ScanAction Action, double Score);

/// <summary>The outcome of <see cref="PolicyValidator.Validate"/>: a policy, or errors keyed by field (<c>policy.custom_regex[0].pattern</c>).</summary>
public sealed class PolicyValidation
{
    private PolicyValidation(ValidatedPolicy? policy, Dictionary<string, string[]> errors)
    {
        Policy = policy;
        Errors = errors;
    }

    /// <summary>Null when <see cref="Errors"/> is not empty.</summary>
    public ValidatedPolicy? Policy { get; }

    /// <summary>Field → reasons, in the shape ValidationProblem takes.</summary>
    public Dictionary<string, string[]> Errors { get; }

    public bool IsValid => Policy is not null;

    internal static PolicyValidation Valid(ValidatedPolicy policy) => new(policy, []);

    internal static PolicyValidation Invalid(Dictionary<string, string[]> errors) => new(null, errors);
}
