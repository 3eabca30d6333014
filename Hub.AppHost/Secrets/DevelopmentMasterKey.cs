using System.Text;
using Hub.AppHost.Orchestration;
using Hub.Core.Secrets;

namespace Hub.AppHost.Secrets;

/// <summary>
/// The development master key (docs/byok.md): <c>&lt;data-dir&gt;/master.key</c>, the base64 of 32
/// random bytes, mode 0600, generated on the first run and kept. Admin and Gateway get the file's path as
/// <c>Hub__Secrets__MasterKey</c>, never the key, so the key is in no process environment, command line,
/// console or log. <c>master-retired-&lt;id&gt;.key</c> files hold keys a rotation replaced; the services
/// get them as <c>Hub__Secrets__RetiredMasterKeys__N</c>, so data keys still wrapped by them open.
/// </summary>
public sealed class DevelopmentMasterKey(string dataDirectory)
{
    public const string FileName = "master.key";
    private const string RetiredPrefix = "master-retired-";
    private const string Extension = ".key";

    /// <summary>Where the key is; what the services are given.</summary>
    public string Path { get; } = System.IO.Path.Combine(dataDirectory, FileName);

    /// <summary>The retired key files, in a stable order.</summary>
    public IReadOnlyList<string> RetiredPaths() => Directory.Exists(dataDirectory)
        ? [.. Directory.GetFiles(dataDirectory, RetiredPrefix + "*" + Extension).Order(StringComparer.Ordinal)]
        : [];

    /// <summary>Writes a new key unless there is one; tightens the mode of one written by hand.</summary>
    public void Ensure()
    {
        if (!File.Exists(Path))
        {
            Write();
        }

        PrivateFile.RestrictToOwner(Path);
    }

    /// <summary>Retires the current key (renamed <c>master-retired-&lt;id&gt;.key</c>) and writes a new one.</summary>
    /// <returns>The ids of the retired key and of the new one.</returns>
    /// <exception cref="InvalidOperationException">There is no readable key to retire.</exception>
    public (string RetiredId, string NewId) Replace()
    {
        if (!File.Exists(Path))
        {
            throw new InvalidOperationException($"There is no {FileName} in {dataDirectory}: start Hub.AppHost once to make one.");
        }

        var retiredId = IdOf(Path);
        File.Move(Path, System.IO.Path.Combine(dataDirectory, RetiredPrefix + retiredId + Extension), overwrite: true);

        // A crash here leaves no master.key: the next start makes a new one, and the retired file still opens the old data keys.
        Write();
        return (retiredId, IdOf(Path));
    }

    /// <summary>A key file's public id (the one stored in <c>secret_data_keys.master_key_id</c>).</summary>
    public static string IdOf(string path) => MasterKeyRing.From(new SecretsOptions { MasterKey = path })!.Primary.Id;

    private void Write() => PrivateFile.WriteAtomically(Path, Encoding.ASCII.GetBytes(MasterKeyRing.NewKeyText() + "\n"));
}

public static class DevelopmentMasterKeyExtensions
{
    /// <summary>The development master key, generated before anything starts if the data folder has none.</summary>
    public static DevelopmentMasterKey AddDevelopmentMasterKey(this IDistributedApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var masterKey = new DevelopmentMasterKey(builder.DataDirectory);
        builder.AddLifecycleHook(new DevelopmentMasterKeyHook(masterKey));
        return masterKey;
    }

    /// <summary>Gives the service the key file's path and every retired key file's path (read when it starts).</summary>
    public static IResourceBuilder<ProjectResource> WithMasterKey(this IResourceBuilder<ProjectResource> builder, DevelopmentMasterKey masterKey)
    {
        ArgumentNullException.ThrowIfNull(masterKey);
        return builder.WithEnvironment(context =>
        {
            context.EnvironmentVariables["Hub__Secrets__MasterKey"] = masterKey.Path;
            var retired = masterKey.RetiredPaths();
            for (var i = 0; i < retired.Count; i++)
            {
                context.EnvironmentVariables[$"Hub__Secrets__RetiredMasterKeys__{i}"] = retired[i];
            }
        });
    }

    private sealed class DevelopmentMasterKeyHook(DevelopmentMasterKey masterKey) : IDistributedApplicationLifecycleHook
    {
        /// <summary>The data folder is locked by now: no second AppHost writes a key beside ours.</summary>
        public Task BeforeStartAsync(CancellationToken cancellationToken)
        {
            masterKey.Ensure();
            return Task.CompletedTask;
        }
    }
}
