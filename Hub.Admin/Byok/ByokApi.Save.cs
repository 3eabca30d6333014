using Hub.Admin.Api;
using Hub.Core.Byok;
using Hub.Core.Secrets;
using Hub.Core.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hub.Admin.Byok;

/// <summary>Saving a key: the numbered steps of <see cref="ByokApi"/>.</summary>
internal static partial class ByokApi
{
    private readonly record struct SaveRequest(Guid OrganizationId, Guid? ProjectId, string Provider, PutByokKeyRequest Body);

    private static async Task<Results<Ok<ByokKeyResponse>, ValidationProblem, ProblemHttpResult>> SaveAsync(
        SaveRequest save, ByokProviderResolver providers, ProjectRepository projects, CredentialProbe probe, MasterKeys masterKeys,
        ByokRepository keys, CacheInvalidationPublisher caches, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        // Step 1
        var id = save.Provider.ToLowerInvariant();
        if (id == ByokProviderResolver.MockId)
        {
            return TypedResults.Problem(ByokProblems.Mock());
        }

        if (!ByokProviderResolver.IsWellFormed(id) || providers.Find(id) is not { } provider)
        {
            return TypedResults.Problem(ByokProblems.UnknownProvider(save.Provider));
        }

        if (save.ProjectId is { } projectId && await projects.GetAsync(save.OrganizationId, projectId, cancellationToken) is null)
        {
            return TypedResults.Problem(ByokProblems.NoProject(projectId));
        }

        // Step 2
        var body = save.Body;
        var label = string.IsNullOrWhiteSpace(body.Label) ? null : body.Label.Trim();
        var errors = body.Credentials is null
            ? new Dictionary<string, string[]> { ["credentials"] = [$"A `credentials` object is required (for {id}: docs/byok.md)."] }
            : ByokCredentialRules.Check(id, provider.Protocol, body.Credentials);
        if (label is { Length: > MaxLabelLength })
        {
            errors["label"] = [$"At most {MaxLabelLength} characters."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        // Step 3
        if (masterKeys.Ring is null)
        {
            return TypedResults.Problem(ByokProblems.NoMasterKey());
        }

        // Step 4
        var logger = loggers.CreateLogger(typeof(ByokApi));
        var verified = false;
        if (body.Verify == true)
        {
            var result = await probe.CheckAsync(provider, body.Credentials!, cancellationToken);
            switch (result.Outcome)
            {
                case ProbeOutcome.Refused:
                    return TypedResults.Problem(ByokProblems.Refused(id, result.Status!.Value));
                case ProbeOutcome.Inconclusive:
                    return TypedResults.Problem(ByokProblems.NotVerified(id, result));
                case ProbeOutcome.NoEndpoint:
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                    {
                        ["verify"] = [$"{id} has no base URL in Hub.Admin's configuration (Providers:{id}:BaseUrl), so there is nothing to call: configure it, or save without `verify`."],
                    });
            }

            verified = true;
        }

        // Step 5
        ByokKey? saved;
        try
        {
            saved = await keys.SaveAsync(save.OrganizationId, save.ProjectId, id, label, body.Credentials!, cancellationToken);
        }
        catch (SecretUnreadableException)
        {
            // Logged without the exception: it names only ids, but the operator needs the setting, not a stack.
            Log.DataKeyUnreadable(logger, save.OrganizationId);
            return TypedResults.Problem(ByokProblems.DataKeyUnreadable());
        }

        if (saved is null)
        {
            // The project was deleted between the check and the save.
            return TypedResults.Problem(ByokProblems.NoProject(save.ProjectId!.Value));
        }

        await caches.ByokChangedAsync(save.OrganizationId);
        Log.KeyStored(logger, save.OrganizationId, save.ProjectId, id, verified);
        return TypedResults.Ok(ByokKeyResponse.From(saved) with { Verified = verified });
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = Diagnostics.EventIds.ByokKeyStored, EventName = "ByokKeyStored", Level = LogLevel.Information,
            Message = "Provider key for {Provider} of organization {OrganizationId} (project {ProjectId}) stored; verified: {Verified}")]
        public static partial void KeyStored(ILogger logger, Guid organizationId, Guid? projectId, string provider, bool verified);

        [LoggerMessage(EventId = Diagnostics.EventIds.ByokDataKeyUnreadable, EventName = "ByokDataKeyUnreadable", Level = LogLevel.Warning,
            Message = "The data key of organization {OrganizationId} does not unwrap with the configured master keys: is a retired master key missing from Hub:Secrets:RetiredMasterKeys?")]
        public static partial void DataKeyUnreadable(ILogger logger, Guid organizationId);
    }
}
