namespace Hub.AppHost.Orchestration;

/// <summary>
/// Files that hold secrets (passwords, the development key): readable by their owner only (0600), and
/// replaced atomically (temp file + rename) so a reader never sees half a file.
/// </summary>
internal static class PrivateFile
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static void WriteAtomically(string path, ReadOnlySpan<byte> content)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = new FileStream(temporary, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = OwnerOnly,
            }))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Tightens a file written by hand or by an older version.</summary>
    public static void RestrictToOwner(string path)
    {
        if (File.Exists(path) && File.GetUnixFileMode(path) != OwnerOnly)
        {
            File.SetUnixFileMode(path, OwnerOnly);
        }
    }
}
