using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// <c>builder.AddRedisClient("cache")</c> as Aspire.StackExchange.Redis does it: options parsed from
/// <c>ConnectionStrings:cache</c>, <c>AbortOnConnectFail = false</c> so a service that starts before
/// Redis keeps retrying, one shared multiplexer, and a PING health check. Redis tracing is absent:
/// OpenTelemetry.Instrumentation.StackExchangeRedis is not served by our feed.
/// </summary>
public static class RedisExtensions
{
    public static TBuilder AddRedisClient<TBuilder>(this TBuilder builder, string connectionName)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddSingleton<IConnectionMultiplexer>(services =>
        {
            var connectionString = services.GetRequiredService<IConfiguration>().GetConnectionString(connectionName);
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException(
                    $"No endpoints specified. Ensure a valid connection string was provided in 'ConnectionStrings:{connectionName}'.");
            }

            var options = ConfigurationOptions.Parse(connectionString);
            options.AbortOnConnectFail = false;
            options.LoggerFactory = services.GetService<ILoggerFactory>();
            return ConnectionMultiplexer.Connect(options);
        });

        builder.Services.AddHealthChecks().AddRedis(
            services => services.GetRequiredService<IConnectionMultiplexer>(),
            name: "StackExchange.Redis",
            timeout: TimeSpan.FromSeconds(5));
        return builder;
    }
}
