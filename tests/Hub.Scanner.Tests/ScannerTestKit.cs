using Hub.Core.Policies;
using Hub.Scanner.Engine;
using Hub.Scanner.Policies;
using Hub.Scanner.Recognizers;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Scanner.Tests;

/// <summary>Shortcuts for recognizer and engine tests: the real engine with every built-in recognizer.</summary>
internal static class ScannerTestKit
{
    private static readonly Lazy<ServiceProvider> Services = new(() => new ServiceCollection().AddScanEngine().BuildServiceProvider());

    public static ScanEngine Engine => Services.Value.GetRequiredService<ScanEngine>();

    public static PolicyResolver Policies => Services.Value.GetRequiredService<PolicyResolver>();

    /// <summary>What one recognizer proposes for every entity it knows, before context, threshold and overlaps.</summary>
    public static List<RecognizerResult> Raw(IRecognizer recognizer, string text)
    {
        var results = new List<RecognizerResult>();
        recognizer.Analyze(text, recognizer.Entities.Select(e => e.Name).ToHashSet(), results);
        return results;
    }

    /// <summary>The engine's findings for one text under a policy (default: Maximum Protection).</summary>
    public static IReadOnlyList<Finding> Findings(string text, PolicyDocument? policy = null) => Scan([text], policy).Findings;

    public static ScanResult Scan(IReadOnlyList<string> texts, PolicyDocument? policy = null)
    {
        var (resolved, errors) = Policies.Resolve(policy);
        Assert.True(resolved is not null, string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(",", e.Value)}")));
        return Engine.Scan(texts, resolved);
    }

    /// <summary>The substrings the engine found for <paramref name="entity"/>.</summary>
    public static List<string> Found(string text, string entity, PolicyDocument? policy = null) =>
        [.. Findings(text, policy).Where(f => f.Entity == entity).Select(f => text[f.Start..f.End])];
}
