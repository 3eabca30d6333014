using System.Text.Json;
using System.Text.Json.Serialization;
using Hub.AppHost.Hosting;
using Hub.AppHost.Hosting.ApplicationModel;
using Hub.AppHost.Orchestration;

namespace Hub.AppHost.Summary;

public static class EndpointsSummaryExtensions
{
    /// <summary>
    /// Once everything is healthy, prints where Hub answers and the development credentials, and writes
    /// the same to <c>&lt;data-dir&gt;/endpoints.json</c> for scripts; removes the file at shutdown so a
    /// script never reads a stale one. Aspire's dashboard shows this; we have none.
    /// </summary>
    public static IDistributedApplicationBuilder AddEndpointsSummary(
        this IDistributedApplicationBuilder builder,
        IResourceBuilder<ProjectResource> gateway,
        IResourceBuilder<ProjectResource> admin,
        IResourceBuilder<ProjectResource> scanner,
        IResourceBuilder<IResourceWithConnectionString> database,
        IResourceBuilder<ParameterResource> apiKey,
        IResourceBuilder<ParameterResource> adminToken)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddLifecycleHook(new EndpointsSummary(
            Path.Combine(builder.DataDirectory, EndpointsSummary.FileName),
            gateway.Resource, admin.Resource, scanner.Resource, database.Resource, apiKey.Resource, adminToken.Resource));
        return builder;
    }
}

/// <summary>
/// The contents of endpoints.json; the gateway URL is the OpenAI base URL (with <c>/v1</c>). <paramref name="Database"/>
/// is the <c>hubdb</c> connection string, for operator commands such as <c>./hub.sh rotate-master-key</c>; it is not printed.
/// </summary>
public sealed record DevelopmentEndpoints(string Gateway, string Admin, string Scanner, string ApiKey, string AdminToken, string Database);

internal sealed class EndpointsSummary(
    string path,
    ProjectResource gateway,
    ProjectResource admin,
    ProjectResource scanner,
    IResourceWithConnectionString database,
    ParameterResource apiKey,
    ParameterResource adminToken)
    : IDistributedApplicationLifecycleHook
{
    public const string FileName = "endpoints.json";

    /// <summary>One left by an AppHost that was killed points at ports nobody listens on any more.</summary>
    public Task BeforeStartAsync(CancellationToken cancellationToken)
    {
        File.Delete(path);
        return Task.CompletedTask;
    }

    public async Task AfterResourcesReadyAsync(CancellationToken cancellationToken)
    {
        var endpoints = new DevelopmentEndpoints(
            gateway.HttpEndpoint.Url + "/v1", admin.HttpEndpoint.Url, scanner.HttpEndpoint.Url, apiKey.Value, adminToken.Value,
            await database.GetConnectionStringAsync(cancellationToken) ?? "");

        // 0600: the file holds the development key, the admin token and the database password.
        PrivateFile.WriteAtomically(path, JsonSerializer.SerializeToUtf8Bytes(endpoints, EndpointsJsonContext.Default.DevelopmentEndpoints));
        await Console.Out.WriteLineAsync($"""

            Hub is running. Ctrl-C stops everything; data stays for the next run.
              OpenAI base URL  {endpoints.Gateway}
              Admin            {endpoints.Admin}
              Scanner          {endpoints.Scanner}
              API key          {endpoints.ApiKey}
              Admin token      {endpoints.AdminToken}
              (also in {path})

            """);
    }

    public Task BeforeStopAsync(CancellationToken cancellationToken)
    {
        File.Delete(path);
        return Task.CompletedTask;
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(DevelopmentEndpoints))]
internal sealed partial class EndpointsJsonContext : JsonSerializerContext;
