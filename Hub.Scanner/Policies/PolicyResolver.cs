using System.Text.RegularExpressions;
using Hub.Scanner.Engine;
using Hub.Scanner.Recognizers;
using Hub.Scanner.Recognizers.Custom;

namespace Hub.Scanner.Policies;

/// <summary>
/// Turns a caller's policy into a <see cref="ScanPolicy"/>, or into field errors. No policy means
/// "Maximum Protection": every type REDACT at the default threshold.
/// </summary>
internal sealed partial class PolicyResolver(EntityCatalog catalog, CustomRegexCache customRegexes)
{
    private const int MaxCustomRegexes = 50;
    private const int MaxPatternLength = 1000;

    private ScanPolicy? maximumProtection;

    public (ScanPolicy? Policy, Dictionary<string, string[]> Errors) Resolve(ScanPolicyRequest? request)
    {
        // No policy is the common case and always the same: resolve it once.
        if (request is null)
        {
            return (maximumProtection ??= ResolveValid(new ScanPolicyRequest()), []);
        }

        return ResolveRequest(request);
    }

    private ScanPolicy ResolveValid(ScanPolicyRequest request) =>
        ResolveRequest(request).Policy ?? throw new InvalidOperationException("The default policy must be valid.");

    private (ScanPolicy? Policy, Dictionary<string, string[]> Errors) ResolveRequest(ScanPolicyRequest request)
    {
        var errors = new Dictionary<string, string[]>();

        var defaultAction = ScanAction.Redact;
        if (request.DefaultAction is not null && !ScanActions.TryParse(request.DefaultAction, out defaultAction))
        {
            errors["policy.default_action"] = [$"'{request.DefaultAction}' is not one of OFF, LOG, REDACT, BLOCK."];
        }

        var minScore = request.MinScore ?? ScanPolicy.DefaultMinScore;
        if (minScore is < 0 or > 1 || double.IsNaN(minScore))
        {
            errors["policy.min_score"] = ["Must be between 0 and 1."];
        }

        var placeholder = PlaceholderStyle.Type;
        if (request.Placeholder is not null && !Enum.TryParse(request.Placeholder, ignoreCase: true, out placeholder))
        {
            errors["policy.placeholder"] = ["Must be \"type\" or \"numbered\"."];
        }

        var actions = new Dictionary<string, ScanAction>(StringComparer.Ordinal);
        foreach (var entity in catalog.Names)
        {
            actions[entity] = defaultAction;
        }

        var custom = ResolveCustomRegexes(request.CustomRegex, actions, errors);
        foreach (var (entity, actionText) in request.Entities ?? [])
        {
            if (!catalog.Contains(entity) && !custom.Names.Contains(entity))
            {
                errors[$"policy.entities.{entity}"] = [$"Unknown entity type '{entity}'. GET /v1/entities lists the supported ones."];
            }
            else if (!ScanActions.TryParse(actionText, out var action))
            {
                errors[$"policy.entities.{entity}"] = [$"'{actionText}' is not one of OFF, LOG, REDACT, BLOCK."];
            }
            else
            {
                actions[entity] = action;
            }
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var scanned = actions.Where(pair => pair.Value != ScanAction.Off).ToDictionary(StringComparer.Ordinal);
        return (new ScanPolicy(scanned, minScore, placeholder, custom.Recognizers), errors);
    }

    private (HashSet<string> Names, List<IRecognizer> Recognizers) ResolveCustomRegexes(
        List<CustomRegexRequest>? requests, Dictionary<string, ScanAction> actions, Dictionary<string, string[]> errors)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var recognizers = new List<IRecognizer>();
        if (requests is null)
        {
            return (names, recognizers);
        }

        if (requests.Count > MaxCustomRegexes)
        {
            errors["policy.custom_regex"] = [$"At most {MaxCustomRegexes} custom entities."];
            return (names, recognizers);
        }

        for (var i = 0; i < requests.Count; i++)
        {
            var field = $"policy.custom_regex[{i}]";
            var request = requests[i];
            if (request.Name is null || !CustomName().IsMatch(request.Name))
            {
                errors[$"{field}.name"] = ["An UPPER_SNAKE_CASE name of up to 64 characters is required."];
                continue;
            }

            if (catalog.Contains(request.Name) || !names.Add(request.Name))
            {
                errors[$"{field}.name"] = [$"'{request.Name}' is already an entity type."];
                continue;
            }

            var action = ScanAction.Redact;
            if (request.Action is not null && !ScanActions.TryParse(request.Action, out action))
            {
                errors[$"{field}.action"] = [$"'{request.Action}' is not one of OFF, LOG, REDACT, BLOCK."];
                continue;
            }

            if (request.Score is < 0 or > 1)
            {
                errors[$"{field}.score"] = ["Must be between 0 and 1."];
                continue;
            }

            if (string.IsNullOrEmpty(request.Pattern) || request.Pattern.Length > MaxPatternLength)
            {
                errors[$"{field}.pattern"] = [$"A pattern of 1 to {MaxPatternLength} characters is required."];
                continue;
            }

            var (regex, problem) = customRegexes.GetOrCompile(request.Pattern);
            if (regex is null)
            {
                errors[$"{field}.pattern"] = [problem!];
                continue;
            }

            actions[request.Name] = action;
            recognizers.Add(new CustomRegexRecognizer(request.Name, regex, request.Score ?? CustomRegexRecognizer.DefaultScore));
        }

        return (names, recognizers);
    }

    [GeneratedRegex("^[A-Z][A-Z0-9_]{0,63}$")]
    private static partial Regex CustomName();
}
