namespace Gyre.Kustomize.FileSystem;

/// <summary>
/// The build's file system with remote checkouts mounted at their directories, so a build over an in-memory tree can
/// still read a cloned base from disk. Paths under a mount go to its file system; everything else to the inner one.
/// </summary>
internal sealed class MountedFileSystem(IKustomizeFileSystem inner) : IKustomizeFileSystem
{
    private readonly List<(string Directory, IKustomizeFileSystem FileSystem)> _mounts = [];

    public void Mount(string directory, IKustomizeFileSystem fileSystem) => _mounts.Add((PathText.Clean(directory), fileSystem));

    public bool IsFile(string path) => For(path).IsFile(path);

    public bool IsDirectory(string path) => For(path).IsDirectory(path);

    public string ReadAllText(string path) => For(path).ReadAllText(path);

    public string ResolveLinks(string path) => For(path).ResolveLinks(path);

    private IKustomizeFileSystem For(string path)
    {
        foreach (var (directory, fileSystem) in _mounts)
        {
            if (PathText.IsWithin(path, directory))
            {
                return fileSystem;
            }
        }

        return inner;
    }
}
