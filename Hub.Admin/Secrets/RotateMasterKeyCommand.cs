using Hub.Core.Secrets;
using Hub.Core.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Hub.Admin.Secrets;

/// <summary>
/// <c>dotnet Hub.Admin.dll rotate-master-key</c>: re-wraps every organization's data key with the
/// primary master key (docs/byok.md, "Rotating the master key"). It reads the same settings
/// as the service (<c>ConnectionStrings:hubdb</c>, <c>Hub:Secrets:*</c>, from the environment or
/// <c>--Name=value</c> arguments) and starts no server. Safe beside live traffic and safe to repeat:
/// it changes only <c>secret_data_keys</c> rows, never a data key's bytes.
/// Prints <c>rewrapped N data keys; M unreadable</c> on standard output, then the organizations whose
/// data key no key held could unwrap; logs go to standard error. Exit code 0 when every data key is now
/// under the primary, 1 when some are not or the command could not run.
/// </summary>
internal static partial class RotateMasterKeyCommand
{
    public const string Name = "rotate-master-key";

    public static bool IsRequested(string[] args) => args is [Name, ..];

    /// <param name="args">What follows the command's name: configuration, as <c>--Section:Key=value</c>.</param>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        using var host = BuildHost(args);
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RotateMasterKeyCommand));
        try
        {
            // The messages of what this throws name the setting, never its value (SecretsOptionsValidator, MasterKeyRing.From).
            var ring = host.Services.GetRequiredService<MasterKeys>().Required;
            var rotation = host.Services.GetRequiredService<MasterKeyRotation>();
            await output.WriteLineAsync($"re-wrapping data keys with master key {ring.Primary.Id} (holding {string.Join(", ", ring.Ids)})");
            var report = await rotation.RunAsync(cancellationToken);
            Log.MasterKeyRotated(logger, ring.Primary.Id, report.Rewrapped, report.Unreadable.Count);
            await output.WriteLineAsync($"rewrapped {report.Rewrapped} data keys; {report.Unreadable.Count} unreadable");
            foreach (var organizationId in report.Unreadable)
            {
                Log.DataKeyUnreadable(logger, organizationId);
                await output.WriteLineAsync($"unreadable: organization {organizationId}");
            }

            return report.Unreadable.Count == 0 ? 0 : 1;
        }
        catch (Exception ex) when (ex is SecretsNotConfiguredException or OptionsValidationException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            Log.MasterKeyRotationRefused(logger, ex.GetType().Name);
            await error.WriteLineAsync($"{Name}: {ex.Message}");
            return 1;
        }
        catch (NpgsqlException ex)
        {
            // Whatever was re-wrapped stays so; running again finishes the rest.
            Log.MasterKeyRotationFailed(logger, ex);
            await error.WriteLineAsync($"{Name}: the database failed ({ex.Message}); run it again to finish.");
            return 1;
        }
    }

    /// <summary>The service's configuration sources and storage, without its servers, consumers or OpenTelemetry exporters.</summary>
    private static IHost BuildHost(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);

        // Standard output is the command's answer; logs go to standard error.
        builder.Logging.ClearProviders().AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.AddNpgsqlDataSource("hubdb");
        builder.Services.AddHubStorage();
        return builder.Build();
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = Diagnostics.EventIds.MasterKeyRotated, EventName = nameof(MasterKeyRotated), Level = LogLevel.Information,
            Message = "Master key rotation to {MasterKeyId} re-wrapped {Rewrapped} data key(s); {Unreadable} unreadable")]
        public static partial void MasterKeyRotated(ILogger logger, string masterKeyId, int rewrapped, int unreadable);

        [LoggerMessage(EventId = Diagnostics.EventIds.DataKeyUnreadable, EventName = nameof(DataKeyUnreadable), Level = LogLevel.Warning,
            Message = "The data key of organization {OrganizationId} does not unwrap with any master key held; it was left as it was")]
        public static partial void DataKeyUnreadable(ILogger logger, Guid organizationId);

        [LoggerMessage(EventId = Diagnostics.EventIds.MasterKeyRotationRefused, EventName = nameof(MasterKeyRotationRefused), Level = LogLevel.Error,
            Message = "Master key rotation did not start: {Reason}")]
        public static partial void MasterKeyRotationRefused(ILogger logger, string reason);

        [LoggerMessage(EventId = Diagnostics.EventIds.MasterKeyRotationFailed, EventName = nameof(MasterKeyRotationFailed), Level = LogLevel.Error,
            Message = "Master key rotation stopped on a database error; running it again finishes it")]
        public static partial void MasterKeyRotationFailed(ILogger logger, Exception exception);
    }
}
