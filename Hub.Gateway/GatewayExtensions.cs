using Hub.Core.Storage;
using Hub.Gateway.Audit;
using Hub.Gateway.Auth;
using Hub.Gateway.Billing;
using Hub.Gateway.Billing.Estimation;
using Hub.Gateway.Byok;
using Hub.Gateway.ChatCompletions;
using Hub.Gateway.Correlation;
using Hub.Gateway.Errors;
using Hub.Gateway.Invalidation;
using Hub.Gateway.Models;
using Hub.Gateway.Policies;
using Hub.Gateway.Providers;
using Hub.Gateway.Providers.Anthropic;
using Hub.Gateway.Providers.Bedrock;
using Hub.Gateway.Providers.Gemini;
using Hub.Gateway.Providers.OpenAICompatible;
using Hub.Gateway.RateLimits;
using Hub.Gateway.Routing;
using Hub.Gateway.Scanning;
using Hub.Gateway.Streaming;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Hub.Gateway;

internal static class GatewayExtensions
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDataSource("hubdb");
        builder.AddRedisClient("cache");
        builder.Services.AddHubStorage();
        builder.Services.AddProblemDetails();
        builder.AddAuth().AddByok().AddProviders().AddRouting().AddGovernance().AddBilling().AddChatCompletions();
        builder.AddPromptTokenEstimation();
        builder.AddRateLimits();
        builder.Services.AddHostedService<CacheInvalidationListener>();
        return builder;
    }

    /// <summary>Every /v1 route, behind the API key filter; unknown /v1 paths answer 404 in OpenAI's shape.</summary>
    public static WebApplication MapOpenAIApi(this WebApplication app)
    {
        app.UseMiddleware<CorrelationIdMiddleware>();
        app.UseExceptionHandler(errors => errors.Run(UnhandledExceptionHandler.HandleAsync));

        var v1 = app.MapGroup("/v1").AddEndpointFilter<ApiKeyEndpointFilter>();
        v1.MapChatCompletionsApi();
        v1.MapModelsApi();
        app.MapFallback("/v1/{**path}", UnknownUrl);
        return app;
    }

    private static OpenAIErrorResult UnknownUrl(HttpContext context) =>
        new(HubError.UnknownUrl(context.Request.Method, context.Request.Path));

    private static IHostApplicationBuilder AddAuth(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.SectionName).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>());
        builder.Services.TryAddSingleton<ApiKeyAuthenticator>();
        builder.Services.TryAddSingleton<ApiKeyEndpointFilter>();
        return builder;
    }

    /// <summary>Organizations' own provider keys: cached sealed, opened per upstream call.</summary>
    private static IHostApplicationBuilder AddByok(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ByokOptions>().BindConfiguration(ByokOptions.SectionName).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ByokOptions>, ByokOptionsValidator>());
        builder.Services.TryAddSingleton<ByokCache>();
        return builder;
    }

    /// <summary>One protocol per wire format; the registry makes a provider of the right one for each configured id.</summary>
    private static IHostApplicationBuilder AddProviders(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ProvidersOptions>().BindConfiguration(ProvidersOptions.SectionName).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ProvidersOptions>, ProvidersOptionsValidator>());
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IChatProtocol, OpenAICompatibleProtocol>());
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IChatProtocol, AzureOpenAIProtocol>());
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IChatProtocol, AnthropicProtocol>());
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IChatProtocol, GeminiProtocol>());
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IChatProtocol, BedrockProtocol>());
        builder.Services.TryAddSingleton<ProviderRegistry>();
        return builder;
    }

    /// <summary>The catalog, the router's filters and order, the breakers, and fallback.</summary>
    private static IHostApplicationBuilder AddRouting(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RoutingOptions>().BindConfiguration(RoutingOptions.SectionName).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RoutingOptions>, RoutingOptionsValidator>());
        builder.Services.TryAddSingleton<RouteCatalog>();
        builder.Services.AddHostedService(services => services.GetRequiredService<RouteCatalog>());
        builder.Services.TryAddSingleton<ProviderHealthBoard>();
        builder.Services.TryAddSingleton<ModelRouter>();
        builder.Services.TryAddSingleton<FallbackSender>();
        return builder;
    }

    /// <summary>Wallets and budgets: holds before forwarding, settlement with the audit event.</summary>
    private static IHostApplicationBuilder AddBilling(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<BillingOptions>().BindConfiguration(BillingOptions.SectionName).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BillingOptions>, BillingOptionsValidator>());
        builder.Services.TryAddSingleton<BudgetCache>();
        builder.Services.TryAddSingleton<CreditAccountLoader>();
        builder.Services.TryAddSingleton<CreditStore>();
        builder.Services.TryAddSingleton<CreditReservation>();
        return builder;
    }

    private static IHostApplicationBuilder AddChatCompletions(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ChatCompletionsOptions>().BindConfiguration(ChatCompletionsOptions.SectionName).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ChatCompletionsOptions>, ChatCompletionsOptionsValidator>());
        builder.Services.TryAddSingleton<ChatRequestReader>();
        builder.Services.TryAddSingleton<ResponseRelay>();
        builder.Services.TryAddSingleton<ChatCompletionPipeline>();
        return builder;
    }

    /// <summary>Policies, the scanner (fail closed, fast) and the audit stream.</summary>
    private static IHostApplicationBuilder AddGovernance(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<PolicyCacheOptions>().BindConfiguration(PolicyCacheOptions.SectionName).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PolicyCacheOptions>, PolicyCacheOptionsValidator>());
        builder.Services.TryAddSingleton<ProjectRulesCache>();

        builder.Services.AddOptions<ScanningOptions>().BindConfiguration(ScanningOptions.SectionName).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ScanningOptions>, ScanningOptionsValidator>());
        builder.Services.TryAddSingleton<ScannerClient>();

        builder.Services.TryAddSingleton<AuditRecorder>();
        builder.Services.AddHostedService(services => services.GetRequiredService<AuditRecorder>());
        return builder;
    }
}
