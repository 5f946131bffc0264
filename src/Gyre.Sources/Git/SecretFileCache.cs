using System.Security.Cryptography;

namespace Gyre.Sources.Git;

/// <summary>
/// Holds files git and ssh need on disk (SSH keys, known_hosts, CA bundles, askpass script) in a private directory,
/// named by the digest of their content and written only when absent, so a no-op reconcile writes nothing to disk.
/// The directory is created 0700 and files 0600 (0700 for scripts); point it at a tmpfs to keep keys off disks.
/// </summary>
public sealed class SecretFileCache
{
    public SecretFileCache(string directory)
    {
        Directory = Path.GetFullPath(directory);
    }

    public string Directory { get; }

    /// <summary>Returns the path of a file holding <paramref name="content"/>, writing it the first time.</summary>
    public string Materialize(string suffix, byte[] content, bool executable = false)
    {
        ArgumentNullException.ThrowIfNull(content);
        var path = Path.Combine(Directory, Convert.ToHexStringLower(SHA256.HashData(content))[..32] + "-" + suffix);
        if (File.Exists(path))
        {
            return path;
        }

        if (!System.IO.Directory.Exists(Directory))
        {
            PrivateDirectory.Create(Directory);
        }

        var mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | (executable ? UnixFileMode.UserExecute : 0);
        var temp = path + "." + Guid.NewGuid().ToString("N");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = mode;
        }

        using (var stream = new FileStream(temp, options))
        {
            stream.Write(content);
        }

        File.Move(temp, path, overwrite: true);
        return path;
    }
}
