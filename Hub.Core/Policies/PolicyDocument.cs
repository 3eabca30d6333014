using System.Text.Json.Serialization;

namespace Hub.Core.Policies;

/// <summary>
/// A DLP policy as it travels: the <c>policy</c> field of <c>POST /v1/scan</c> (Hub.Scanner) and of
/// <c>PUT /admin/v1/projects/{id}/policy</c> (Hub.Admin), and the document a stored version keeps. Every
/// field is optional; <see cref="PolicyValidator"/> says whether it is usable and why not. Absent
/// fields are left out of the JSON, so a stored document reads as its author wrote it.
/// </summary>
/// <param name="Entities">Entity type (built-in or a <paramref name="CustomRegex"/> name) → OFF, LOG, REDACT or BLOCK.</param>
/// <param name="DefaultAction">The action of every built-in type not listed in <paramref name="Entities"/>; REDACT when absent.</param>
/// <param name="MinScore">Findings scored below this (0 to 1) are dropped; <see cref="DefaultMinScore"/> when absent.</param>
/// <param name="Placeholder"><c>type</c> (<c>[PERSON]</c>, the default) or <c>numbered</c> (<c>[PERSON_1]</c>).</param>
/// <param name="CustomRegex">The tenant's own entity types, found by regular expressions.</param>
/// <param name="Images"><c>scan</c> (the default), <c>block_all</c> or <c>allow</c>: <see cref="ImageMode"/>.</param>
/// <param name="RemoteImages"><c>fetch</c> (the default) or <c>refuse</c>: <see cref="RemoteImageMode"/>.</param>
/// <param name="ImageOcrTimeout"><c>block</c> (the default) or <c>allow</c>: <see cref="OcrTimeoutAction"/>.</param>
public sealed record PolicyDocument(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, string>? Entities = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? DefaultAction = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? MinScore = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Placeholder = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<CustomEntityPattern>? CustomRegex = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Images = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RemoteImages = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ImageOcrTimeout = null)
{
    public const double DefaultMinScore = 0.5;
}

/// <summary>A tenant's own entity type found by a regular expression, e.g. <c>PRJ-[A-Z]{2}-\d{4,}</c>.</summary>
/// <param name="Name">UPPER_SNAKE_CASE, up to 64 characters, not a built-in type.</param>
/// <param name="Pattern">.NET syntax, run by the non-backtracking engine (<see cref="CustomPatternCompiler"/>).</param>
/// <param name="Action">REDACT when absent.</param>
/// <param name="Score">The score of every match (0 to 1); <see cref="DefaultScore"/> when absent.</param>
public sealed record CustomEntityPattern(
    string? Name,
    string? Pattern,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Action = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Score = null)
{
    /// <summary>A tenant who writes a pattern means it: report matches above the default threshold.</summary>
    public const double DefaultScore = 0.85;
}
