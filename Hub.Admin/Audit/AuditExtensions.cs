using Hub.Core.Audit;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Hub.Admin.Audit;

internal static class AuditExtensions
{
    /// <summary>The audit trail's writer side: stream consumer, retention, and their settings. Needs AddHubStorage and a Redis client.</summary>
    public static IHostApplicationBuilder AddAudit(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuditOptions>().BindConfiguration(AuditOptions.SectionName).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuditOptions>, AuditOptionsValidator>());
        builder.Services.AddOptions<AuditConsumerOptions>().BindConfiguration(AuditConsumerOptions.SectionName).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuditConsumerOptions>, AuditConsumerOptionsValidator>());
        builder.Services.TryAddSingleton<AuditRetentionRepository>();
        builder.Services.AddHostedService<AuditStreamConsumer>();
        builder.Services.AddHostedService<AuditRetentionService>();
        return builder;
    }
}
