using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Hub.Gateway.Routing;

internal sealed class RoutingOptions
{
    public const string SectionName = "Routing";

    /// <summary>Which providers each data classification allows (<c>Routing:Classifications:Restricted:…</c>).</summary>
    [ValidateObjectMembers]
    public ClassificationRules Classifications { get; set; } = new();

    /// <summary>The classification requests made with an account key (no project) are routed under. Default <c>internal</c>.</summary>
    [RegularExpression("^(public|internal|confidential|restricted)$")]
    public string AccountClassification { get; set; } = "internal";

    /// <summary>
    /// Output tokens assumed, for ordering candidates by price, when the request sets no
    /// <c>max_tokens</c>. Default 512: a typical answer, not a worst case.
    /// </summary>
    [Range(1, 1_000_000)]
    public int EstimatedOutputTokens { get; set; } = 512;

    /// <summary>Seconds between catalog reloads from Postgres. Edits reach gateways at once through Redis; this bounds the delay if that message is lost. Default 60.</summary>
    [Range(1, 86_400)]
    public int CatalogRefreshSeconds { get; set; } = 60;

    [ValidateObjectMembers]
    public CircuitBreakerOptions CircuitBreaker { get; set; } = new();
}

/// <summary>The four data classifications of a project and what each permits.</summary>
internal sealed class ClassificationRules
{
    /// <summary>Any provider. Default: no restriction.</summary>
    [ValidateObjectMembers]
    public ClassificationRule Public { get; set; } = new();

    /// <summary>Default: providers that do not train on prompts.</summary>
    [ValidateObjectMembers]
    public ClassificationRule Internal { get; set; } = new() { DenyTraining = true };

    /// <summary>Default: no training, prompts kept at most 30 days.</summary>
    [ValidateObjectMembers]
    public ClassificationRule Confidential { get; set; } = new() { DenyTraining = true, MaxRetentionDays = 30 };

    /// <summary>Default: no training and zero data retention.</summary>
    [ValidateObjectMembers]
    public ClassificationRule Restricted { get; set; } = new() { DenyTraining = true, MaxRetentionDays = 0 };

    /// <summary>The rule of a classification name as projects store it (<c>public</c>, <c>internal</c>, …); unknown names get the strictest.</summary>
    public ClassificationRule For(string classification) => classification switch
    {
        "public" => Public,
        "internal" => Internal,
        "confidential" => Confidential,
        _ => Restricted,
    };
}

/// <summary>What one data classification permits. Every condition must hold.</summary>
internal sealed class ClassificationRule
{
    /// <summary>If not empty, only these provider ids.</summary>
    public List<string> AllowedProviders { get; set; } = [];

    /// <summary>Exclude providers that may train on prompts.</summary>
    public bool DenyTraining { get; set; }

    /// <summary>Exclude providers that may keep prompts longer than this many days (0: zero data retention only). Null: no limit.</summary>
    [Range(0, 3650)]
    public int? MaxRetentionDays { get; set; }

    /// <summary>Certifications a provider must hold, e.g. <c>hipaa-baa</c>.</summary>
    public List<string> RequiredCertifications { get; set; } = [];
}

internal sealed class CircuitBreakerOptions
{
    /// <summary>Consecutive failures (connection, timeout, 429, 5xx) that open a provider's breaker. Default 5.</summary>
    [Range(1, 1000)]
    public int FailureThreshold { get; set; } = 5;

    /// <summary>Seconds an open breaker skips the provider before letting one trial request through. Default 30.</summary>
    [Range(1, 3600)]
    public int OpenSeconds { get; set; } = 30;
}

[OptionsValidator]
internal sealed partial class RoutingOptionsValidator : IValidateOptions<RoutingOptions>;
