using Microsoft.AspNetCore.Mvc;

namespace Hub.Admin.Byok;

/// <summary>The BYOK API's ProblemDetails. They name providers, projects and statuses: never a key, never what a provider answered.</summary>
internal static class ByokProblems
{
    public static ProblemDetails UnknownProvider(string provider) => new()
    {
        Status = StatusCodes.Status404NotFound,
        Title = $"Unknown provider '{Truncated(provider)}'.",
        Detail = "A key can be stored for a provider Hub knows (openai, anthropic, gemini, bedrock, …) or one configured as Providers:<id> in Hub.Admin.",
    };

    public static ProblemDetails Mock() => new()
    {
        Status = StatusCodes.Status400BadRequest,
        Title = "The mock provider takes no key.",
        Detail = "mock is Hub's built-in offline echo provider.",
    };

    public static ProblemDetails NoKey(string provider) => new()
    {
        Status = StatusCodes.Status404NotFound,
        Title = $"No key stored for '{Truncated(provider)}' here.",
    };

    public static ProblemDetails NoProject(Guid projectId) => new()
    {
        Status = StatusCodes.Status404NotFound,
        Title = $"No project {projectId} in this organization.",
    };

    public static ProblemDetails NoMasterKey() => new()
    {
        Status = StatusCodes.Status503ServiceUnavailable,
        Title = "Hub:Secrets:MasterKey is not configured.",
        Detail = "Provider keys are sealed with a master key from Hub.Admin's configuration; set Hub:Secrets:MasterKey (docs/byok.md) and restart.",
    };

    public static ProblemDetails DataKeyUnreadable() => new()
    {
        Status = StatusCodes.Status503ServiceUnavailable,
        Title = "The organization's stored secrets cannot be opened with the configured master keys.",
        Detail = "A master key that wrapped them may be missing from Hub:Secrets:RetiredMasterKeys (docs/byok.md, rotating the master key).",
    };

    public static ProblemDetails Refused(string provider, int status) => new()
    {
        Status = StatusCodes.Status422UnprocessableEntity,
        Title = "The provider refused this key.",
        Detail = $"{provider} answered {status} to a model list call made with it; the key was not stored.",
    };

    public static ProblemDetails NotVerified(string provider, ProbeResult result) => new()
    {
        Status = StatusCodes.Status502BadGateway,
        Title = "Could not verify the key.",
        Detail = $"{provider} {(result.Status is { } status ? $"answered {status}" : $"could not be reached ({result.Failure})")} to a model list call; the key was not stored. Try again, or save without \"verify\".",
    };

    /// <summary>A caller-supplied id, echoed at most 64 characters long.</summary>
    private static string Truncated(string value) => value.Length <= 64 ? value : value[..64] + "…";
}
