using Hub.Core.Billing.Alerts;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Hub.Admin.Alerts;

internal static class BudgetAlertsExtensions
{
    /// <summary>
    /// Budget alerts: the stream consumer that records them (and audits them), the dispatcher that
    /// delivers them to webhooks, their repositories and settings. Needs AddHubStorage, a Redis client and the audit writer.
    /// </summary>
    public static IHostApplicationBuilder AddBudgetAlerts(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<BudgetAlertOptions>().BindConfiguration(BudgetAlertOptions.SectionName).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BudgetAlertOptions>, BudgetAlertOptionsValidator>());
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BudgetAlertOptions>, BudgetAlertOptionsRulesValidator>());
        builder.Services.TryAddSingleton<BudgetAlertRepository>();
        builder.Services.TryAddSingleton<BudgetAlertWebhookRepository>();
        builder.Services.TryAddSingleton<BudgetAlertDeliveryRepository>();
        builder.Services.TryAddSingleton<BudgetAlertDeliverySignal>();
        builder.Services.TryAddSingleton<DeliveryBackoff>();
        builder.Services.TryAddSingleton<BudgetAlertWebhookSender>();
        builder.Services.AddHostedService<BudgetAlertStreamConsumer>();
        builder.Services.AddHostedService<BudgetAlertDispatcher>();
        return builder;
    }
}
