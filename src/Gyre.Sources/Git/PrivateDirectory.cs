namespace Gyre.Sources.Git;

/// <summary>Creates directories only the current user can enter (0700), for keys and GNUPGHOME.</summary>
internal static class PrivateDirectory
{
    public static void Create(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
