using Hub.Core.Policies;
using Hub.Scanner.Engine;
using Hub.Scanner.Recognizers;
using Hub.Scanner.Recognizers.Custom;

namespace Hub.Scanner.Policies;

/// <summary>
/// Turns a caller's policy into a <see cref="ScanPolicy"/>, or into field errors. The rules are
/// Hub.Core's <see cref="PolicyValidator"/>, the same Hub.Admin saves versions with; this type only
/// builds. No policy means the global default, Maximum Protection.
/// </summary>
internal sealed class PolicyResolver(EntityCatalog catalog, PolicyValidator validator)
{
    private ScanPolicy? maximumProtection;

    public (ScanPolicy? Policy, Dictionary<string, string[]> Errors) Resolve(PolicyDocument? document)
    {
        // No policy is the common case and always the same: resolve it once.
        if (document is null)
        {
            return (maximumProtection ??= ResolveValid(PolicyTemplates.GlobalDefault.Document), []);
        }

        var validation = validator.Validate(document);
        return validation.Policy is { } valid ? (Build(valid), validation.Errors) : (null, validation.Errors);
    }

    private ScanPolicy ResolveValid(PolicyDocument document) =>
        Resolve(document).Policy ?? throw new InvalidOperationException("The default policy must be valid.");

    private ScanPolicy Build(ValidatedPolicy valid)
    {
        var actions = new Dictionary<string, ScanAction>(StringComparer.Ordinal);
        foreach (var entity in catalog.Names)
        {
            actions[entity] = catalog.Entities[entity].IsAttack ? ScanAction.Block : valid.DefaultAction;
        }

        var recognizers = new List<IRecognizer>(valid.CustomEntities.Count);
        foreach (var custom in valid.CustomEntities)
        {
            actions[custom.Name] = custom.Action;
            recognizers.Add(new CustomRegexRecognizer(custom.Name, custom.Regex, custom.Score));
        }

        foreach (var (entity, action) in valid.Entities)
        {
            // A known type no registered recognizer reports has nothing to act on.
            if (actions.ContainsKey(entity))
            {
                actions[entity] = action;
            }
        }

        var scanned = actions.Where(pair => pair.Value != ScanAction.Off).ToDictionary(StringComparer.Ordinal);
        var attacks = scanned.Keys.Where(entity => catalog.Entities.TryGetValue(entity, out var definition) && definition.IsAttack);
        return new ScanPolicy(scanned, valid.MinScore, valid.Placeholder, recognizers, attacks, valid.Images);
    }
}
