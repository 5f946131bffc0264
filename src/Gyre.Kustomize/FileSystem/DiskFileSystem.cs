namespace Gyre.Kustomize.FileSystem;

/// <summary>The local disk. The one place the engine touches System.IO directly.</summary>
public sealed class DiskFileSystem : IKustomizeFileSystem
{
    public bool IsFile(string path) => File.Exists(path);

    public bool IsDirectory(string path) => Directory.Exists(path);

    public string ReadAllText(string path) => File.ReadAllText(path);

    /// <summary>Resolves every symbolic link along the path, as Go's filepath.EvalSymlinks does.</summary>
    public string ResolveLinks(string path)
    {
        var clean = PathText.Clean(path);
        var resolved = "/";
        foreach (var part in clean.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var next = PathText.Join(resolved, part);
            var info = new FileInfo(next);
            if (info.LinkTarget is { } target)
            {
                next = PathText.Clean(Path.IsPathRooted(target) ? target : PathText.Join(resolved, target));
                next = ResolveLinks(next);
            }

            resolved = next;
        }

        return resolved;
    }
}
