using System.Text.RegularExpressions;
using NJsonSchema.Validation;
using NSwag;

namespace Hub.Testing;

/// <summary>
/// OpenAI's official OpenAPI document (<c>shared/openai/openapi.yaml</c> beside the repository),
/// loaded once, and validation of a JSON body against one of its <c>components/schemas</c>.
/// NSwag reads the YAML and resolves <c>$ref</c>; NJsonSchema validates (<c>nullable</c>,
/// <c>anyOf/oneOf/allOf</c>, <c>enum</c>, <c>required</c>, <c>type</c> arrays, <c>items</c>,
/// <c>additionalProperties</c>).
/// </summary>
public sealed partial class OpenAISpec
{
    private static readonly Lazy<Task<OpenAISpec>> Shared = new(LoadAsync);

    private readonly OpenApiDocument document;

    private OpenAISpec(OpenApiDocument document) => this.document = document;

    /// <summary>The spec, read from disk on first use.</summary>
    public static Task<OpenAISpec> GetAsync() => Shared.Value;

    /// <summary>
    /// The violations of <paramref name="json"/> against <c>#/components/schemas/{schemaName}</c>,
    /// one line each as <c>Kind at #/path</c>; empty when the JSON is valid.
    /// </summary>
    public IReadOnlyList<string> Validate(string schemaName, string json)
    {
        if (!document.Components.Schemas.TryGetValue(schemaName, out var schema))
        {
            throw new ArgumentException($"The OpenAI spec has no schema '{schemaName}'.", nameof(schemaName));
        }

        return [.. schema.Validate(json).SelectMany(Describe)];
    }

    /// <summary>Leaf errors as they are; an array item's errors flattened; anyOf/oneOf with each alternative's reasons.</summary>
    private static IEnumerable<string> Describe(ValidationError error)
    {
        if (error is not ChildSchemaValidationError child)
        {
            return [$"{error.Kind} at {error.Path}"];
        }

        var reasons = child.Errors.Values.SelectMany(errors => errors.SelectMany(Describe));
        return error.Kind is ValidationErrorKind.NotAnyOf or ValidationErrorKind.NotOneOf or ValidationErrorKind.NotAllOf
            ? [$"{error.Kind} at {error.Path}: [{string.Join("; ", reasons)}]"]
            : reasons;
    }

    private static async Task<OpenAISpec> LoadAsync()
    {
        var yaml = await File.ReadAllTextAsync(FindSpecFile());

        // YamlDotNet rejects a whitespace-only line right after a "|+" block header (one example in
        // the spec; PyYAML accepts it). Emptying whitespace-only lines only touches example text.
        yaml = WhitespaceOnlyLine().Replace(yaml, "");
        return new OpenAISpec(await OpenApiYamlDocument.FromYamlAsync(yaml));
    }

    /// <summary><c>../shared/openai/openapi.yaml</c> from the folder holding <c>Hub.sln</c>, found upwards from the test binaries.</summary>
    private static string FindSpecFile()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Hub.sln")))
            {
                var spec = Path.GetFullPath(Path.Combine(folder.FullName, "..", "shared", "openai", "openapi.yaml"));
                return File.Exists(spec) ? spec : throw new FileNotFoundException("OpenAI's spec is missing beside the repository.", spec);
            }
        }

        throw new DirectoryNotFoundException($"No Hub.sln above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex(@"^[ \t]+$", RegexOptions.Multiline)]
    private static partial Regex WhitespaceOnlyLine();
}
