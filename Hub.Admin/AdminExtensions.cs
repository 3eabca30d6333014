using System.Text.Json;
using Hub.Admin.Alerts;
using Hub.Admin.Api;
using Hub.Admin.Audit;
using Hub.Admin.Auth;
using Hub.Admin.Bootstrap;
using Hub.Admin.Byok;
using Hub.Admin.Schema;
using Hub.Core.Storage;
using Microsoft.AspNetCore.Authentication;

namespace Hub.Admin;

internal static class AdminExtensions
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDataSource("hubdb");
        builder.AddRedisClient("cache");
        builder.Services.AddHubStorage();
        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
        builder.Services.AddSingleton<CacheInvalidationPublisher>();
        builder.Services.AddOptions<AdminBillingOptions>().BindConfiguration(AdminBillingOptions.SectionName);
        builder.AddSchema().AddAdminAuth().AddAudit();
        builder.AddBudgetAlerts();
        builder.AddByok();
        return builder;
    }

    /// <summary>The admin REST API: every route needs an admin token and acts on its organization only.</summary>
    public static WebApplication MapAdminApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGroup("/admin/v1")
            .RequireAuthorization()
            .MapProjectsApi()
            .MapKeysApi()
            .MapPoliciesApi()
            .MapWalletApi()
            .MapBudgetsApi()
            .MapRateLimitsApi()
            .MapAuditApi()
            .MapBudgetAlertsApi()
            .MapByokApi();
        return app;
    }

    private static IHostApplicationBuilder AddSchema(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<BootstrapOptions>().BindConfiguration(BootstrapOptions.SectionName);
        builder.Services.AddSingleton<SchemaState>();
        builder.Services.AddSingleton<DevelopmentBootstrap>();
        builder.Services.AddHostedService<SchemaMigrationService>();
        builder.Services.AddHealthChecks().AddCheck<SchemaReadyHealthCheck>("schema");
        return builder;
    }

    private static IHostApplicationBuilder AddAdminAuth(this IHostApplicationBuilder builder)
    {
        builder.Services.AddAuthentication(AdminTokenAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, AdminTokenAuthenticationHandler>(AdminTokenAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorization();
        return builder;
    }
}
