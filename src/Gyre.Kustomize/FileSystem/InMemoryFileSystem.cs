namespace Gyre.Kustomize.FileSystem;

/// <summary>An in-memory tree of files, for the controller and for tests (kyaml's MakeFsInMemory).</summary>
public sealed class InMemoryFileSystem : IKustomizeFileSystem
{
    private readonly Dictionary<string, string> _files = new(StringComparer.Ordinal);
    private readonly HashSet<string> _directories = new(StringComparer.Ordinal) { "/" };

    public void AddFile(string path, string content)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var normalized = PathText.Clean(path);
        _files[normalized] = content;
        for (var dir = PathText.Directory(normalized); dir.Length > 1; dir = PathText.Directory(dir))
        {
            _directories.Add(dir);
        }
    }

    public bool IsFile(string path) => _files.ContainsKey(PathText.Clean(path));

    public bool IsDirectory(string path) => _directories.Contains(PathText.Clean(path));

    public string ReadAllText(string path) =>
        _files.TryGetValue(PathText.Clean(path), out var content) ? content : throw new FileNotFoundException("file not found", path);

    public string ResolveLinks(string path) => PathText.Clean(path);
}
