using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Hub.Gateway.Billing.Estimation;

internal static class EstimationExtensions
{
    /// <summary>The prompt token estimator and its <c>Billing:TokenFactors</c>/<c>Billing:ImageTokens</c> settings, checked at start.</summary>
    public static IHostApplicationBuilder AddPromptTokenEstimation(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<PromptEstimationOptions>().BindConfiguration(PromptEstimationOptions.SectionName).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PromptEstimationOptions>, PromptEstimationOptionsValidator>());
        builder.Services.TryAddSingleton<PromptTokenEstimator>();
        return builder;
    }
}
