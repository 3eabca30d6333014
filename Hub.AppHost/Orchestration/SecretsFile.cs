using System.Text.Json;
using System.Text.Json.Serialization;
using Hub.AppHost.Hosting.ApplicationModel;

namespace Hub.AppHost.Orchestration;

/// <summary>
/// <c>&lt;data-dir&gt;/secrets.json</c>: every parameter's value, generated on the first run and reused
/// after, so a re-run logs into the existing cluster and keeps the development key. Mode 0600.
/// </summary>
internal static class SecretsFile
{
    public const string FileName = "secrets.json";

    public static void Resolve(string dataDirectory, IEnumerable<ParameterResource> parameters)
    {
        var path = Path.Combine(dataDirectory, FileName);
        var saved = File.Exists(path)
            ? JsonSerializer.Deserialize(File.ReadAllBytes(path), SecretsJsonContext.Default.DictionaryStringString) ?? []
            : [];
        var changed = false;
        foreach (var parameter in parameters)
        {
            var persisted = saved.GetValueOrDefault(parameter.Name);
            var value = parameter.Resolve(persisted);
            if (value != persisted)
            {
                saved[parameter.Name] = value;
                changed = true;
            }
        }

        if (changed)
        {
            PrivateFile.WriteAtomically(path, JsonSerializer.SerializeToUtf8Bytes(saved, SecretsJsonContext.Default.DictionaryStringString));
        }

        PrivateFile.RestrictToOwner(path);
    }
}

[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class SecretsJsonContext : JsonSerializerContext;
