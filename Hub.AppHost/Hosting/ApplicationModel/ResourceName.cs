namespace Hub.AppHost.Hosting.ApplicationModel;

/// <summary>
/// Aspire's rule for resource names: ASCII letters, digits and hyphens, starting with a letter, at most
/// 64 characters. Names become environment-variable parts (<c>ConnectionStrings__hubdb</c>), host names
/// (<c>http://scanner</c>) and file names in the data folder, so anything else is refused up front.
/// </summary>
internal static class ResourceName
{
    public static void ThrowIfInvalid(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var valid = name.Length <= 64
            && char.IsAsciiLetter(name[0])
            && name[^1] != '-'
            && !name.Contains("--", StringComparison.Ordinal)
            && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
        if (!valid)
        {
            throw new ArgumentException(
                $"Resource name '{name}' is invalid: use ASCII letters, digits and single hyphens, start with a letter, at most 64 characters.",
                nameof(name));
        }
    }
}
