using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Hub.Gateway.RateLimits;

internal static class RateLimitsExtensions
{
    /// <summary>Requests and tokens per minute per key and project, and loop protection, checked in Redis (needs the <c>cache</c> client).</summary>
    public static IHostApplicationBuilder AddRateLimits(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.SectionName).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RateLimitOptions>, RateLimitOptionsValidator>());
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<RateLimitStore>();
        builder.Services.TryAddSingleton<RateLimiter>();
        return builder;
    }
}
