using System.Text.RegularExpressions;
using Hub.Core.Entities;

namespace Hub.Core.Policies;

/// <summary>
/// The rules a policy must meet, in one place: Hub.Admin applies them when a version is saved and
/// Hub.Scanner on every <c>POST /v1/scan</c>, so a stored policy is never one the scanner refuses.
/// Errors are keyed by the field's path under <c>policy</c> and say why, e.g. the regex parser's message.
/// Thread-safe; the pattern compiler decides whether compiled patterns are cached.
/// </summary>
public sealed partial class PolicyValidator(ICustomPatternCompiler patterns)
{
    public const int MaxCustomEntities = 50;
    public const int MaxPatternLength = 1000;

    private const string Field = "policy";
    private const string ActionChoices = "is not one of OFF, LOG, REDACT, BLOCK.";

    private static readonly PolicyWords<PlaceholderStyle> Placeholders = new(("type", PlaceholderStyle.Type), ("numbered", PlaceholderStyle.Numbered));

    public PolicyValidation Validate(PolicyDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var errors = new Dictionary<string, string[]>();

        var defaultAction = ScanAction.Redact;
        if (document.DefaultAction is not null && !ScanActions.TryParse(document.DefaultAction, out defaultAction))
        {
            errors[$"{Field}.default_action"] = [$"'{document.DefaultAction}' {ActionChoices}"];
        }

        var minScore = document.MinScore ?? PolicyDocument.DefaultMinScore;
        if (minScore is < 0 or > 1 || double.IsNaN(minScore))
        {
            errors[$"{Field}.min_score"] = ["Must be between 0 and 1."];
        }

        var placeholder = Word(document.Placeholder, Placeholders, PlaceholderStyle.Type, "placeholder", errors);
        var images = new ImageRules(
            Word(document.Images, ImageRules.Modes, ImageRules.Default.Mode, "images", errors),
            Word(document.RemoteImages, ImageRules.RemoteModes, ImageRules.Default.Remote, "remote_images", errors),
            Word(document.ImageOcrTimeout, ImageRules.TimeoutActions, ImageRules.Default.OnTimeout, "image_ocr_timeout", errors));
        var (customNames, customEntities) = ValidateCustomEntities(document.CustomRegex, errors);
        var entities = new Dictionary<string, ScanAction>(StringComparer.Ordinal);
        foreach (var (entity, actionText) in document.Entities ?? new Dictionary<string, string>())
        {
            if (!EntityNames.IsKnown(entity) && !customNames.Contains(entity))
            {
                errors[$"{Field}.entities.{entity}"] = [$"Unknown entity type '{entity}': neither a built-in type nor a custom_regex name."];
            }
            else if (!ScanActions.TryParse(actionText, out var action))
            {
                errors[$"{Field}.entities.{entity}"] = [$"'{actionText}' {ActionChoices}"];
            }
            else
            {
                entities[entity] = action;
            }
        }

        return errors.Count > 0
            ? PolicyValidation.Invalid(errors)
            : PolicyValidation.Valid(new ValidatedPolicy(defaultAction, minScore, placeholder, entities, customEntities) { Images = images });
    }

    /// <summary>The field's word parsed, or <paramref name="absent"/> when the field is absent or wrong (then with an error).</summary>
    private static T Word<T>(string? text, PolicyWords<T> words, T absent, string field, Dictionary<string, string[]> errors)
        where T : struct, Enum
    {
        if (text is null)
        {
            return absent;
        }

        if (words.TryParse(text, out var value))
        {
            return value;
        }

        errors[$"{Field}.{field}"] = [words.MustBe];
        return absent;
    }

    /// <returns>
    /// Every well-named custom entity (even one whose other fields are wrong, so an <c>entities</c> entry
    /// naming it is not reported as unknown too) and the fully valid ones.
    /// </returns>
    private (HashSet<string> Names, List<ValidatedCustomEntity> Valid) ValidateCustomEntities(
        IReadOnlyList<CustomEntityPattern>? requested, Dictionary<string, string[]> errors)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var valid = new List<ValidatedCustomEntity>();
        if (requested is null)
        {
            return (names, valid);
        }

        if (requested.Count > MaxCustomEntities)
        {
            errors[$"{Field}.custom_regex"] = [$"At most {MaxCustomEntities} custom entities."];
            return (names, valid);
        }

        for (var i = 0; i < requested.Count; i++)
        {
            var field = $"{Field}.custom_regex[{i}]";
            if (requested[i] is not { } custom)
            {
                errors[field] = ["Must be an object with a name and a pattern."];
                continue;
            }

            if (custom.Name is null || !CustomName().IsMatch(custom.Name))
            {
                errors[$"{field}.name"] = ["An UPPER_SNAKE_CASE name of up to 64 characters is required."];
                continue;
            }

            if (EntityNames.IsKnown(custom.Name) || !names.Add(custom.Name))
            {
                errors[$"{field}.name"] = [$"'{custom.Name}' is already an entity type."];
                continue;
            }

            if (ValidateCustomEntity(custom, field, errors) is { } entity)
            {
                valid.Add(entity);
            }
        }

        return (names, valid);
    }

    private ValidatedCustomEntity? ValidateCustomEntity(CustomEntityPattern custom, string field, Dictionary<string, string[]> errors)
    {
        var action = ScanAction.Redact;
        if (custom.Action is not null && !ScanActions.TryParse(custom.Action, out action))
        {
            errors[$"{field}.action"] = [$"'{custom.Action}' {ActionChoices}"];
            return null;
        }

        var score = custom.Score ?? CustomEntityPattern.DefaultScore;
        if (score is < 0 or > 1 || double.IsNaN(score))
        {
            errors[$"{field}.score"] = ["Must be between 0 and 1."];
            return null;
        }

        if (string.IsNullOrEmpty(custom.Pattern) || custom.Pattern.Length > MaxPatternLength)
        {
            errors[$"{field}.pattern"] = [$"A pattern of 1 to {MaxPatternLength} characters is required."];
            return null;
        }

        if (!patterns.TryCompile(custom.Pattern, out var regex, out var problem))
        {
            errors[$"{field}.pattern"] = [problem];
            return null;
        }

        return new ValidatedCustomEntity(custom.Name!, regex, action, score);
    }

    [GeneratedRegex("^[A-Z][A-Z0-9_]{0,63}$")]
    private static partial Regex CustomName();
}
