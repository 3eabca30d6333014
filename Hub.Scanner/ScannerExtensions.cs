using System.Text.Encodings.Web;
using System.Text.Json;
using Hub.Core.Policies;
using Hub.Scanner.Api;
using Hub.Scanner.Engine;
using Hub.Scanner.Policies;
using Hub.Scanner.Recognizers.Custom;
using Hub.Scanner.Recognizers.Financial;
using Hub.Scanner.Recognizers.Injection;
using Hub.Scanner.Recognizers.Names;
using Hub.Scanner.Recognizers.Secrets;
using Hub.Scanner.Vision;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Hub.Scanner;

internal static class ScannerExtensions
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, ScannerJsonContext.Default);
            json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;

            // Redacted texts come back as sent: no \uXXXX for every non-ASCII character. JSON, never HTML.
            json.SerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        });
        builder.Services.AddOptions<ScannerOptions>().BindConfiguration(ScannerOptions.SectionName).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ScannerOptions>, ScannerOptionsValidator>());
        builder.Services.AddScanEngine();
        builder.Services.AddImageScanning();
        return builder;
    }

    /// <summary>The engine and every built-in recognizer; also used by the evaluation runner and benchmarks.</summary>
    public static IServiceCollection AddScanEngine(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<EntityCatalog>();
        services.TryAddSingleton<ScanEngine>();
        services.TryAddSingleton<CustomRegexCache>();
        services.TryAddSingleton<ICustomPatternCompiler>(provider => provider.GetRequiredService<CustomRegexCache>());
        services.TryAddSingleton<PolicyValidator>();
        services.TryAddSingleton<PolicyResolver>();
        services
            .AddSecretAndInternetRecognizers()
            .AddFinancialAndIdentityRecognizers()
            .AddNameAndPlaceRecognizers()
            .AddInjectionRecognizer();
        return services;
    }
}
