namespace Hub.Core.Policies;

/// <summary>
/// The wire words of one of a policy's enumerated fields (<c>placeholder</c>, <c>images</c>, …), parsed in any case.
/// Only these words: <see cref="Enum.TryParse{TEnum}(string, out TEnum)"/> would also take "1" or "Type, Numbered".
/// </summary>
public sealed class PolicyWords<T>(params (string Wire, T Value)[] words)
    where T : struct, Enum
{
    /// <summary>The error for any other word, e.g. <c>Must be "scan", "block_all" or "allow".</c></summary>
    public string MustBe { get; } =
        $"Must be {string.Join(", ", words[..^1].Select(w => $"\"{w.Wire}\""))} or \"{words[^1].Wire}\".";

    public bool TryParse(string text, out T value)
    {
        foreach (var (wire, choice) in words)
        {
            if (string.Equals(text, wire, StringComparison.OrdinalIgnoreCase))
            {
                value = choice;
                return true;
            }
        }

        value = default;
        return false;
    }
}
