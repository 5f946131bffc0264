using Gyre.Kustomize.FileSystem;

namespace Gyre.Kustomize.Build;

/// <summary>
/// Reads files relative to one kustomization root, enforcing kustomize's load restrictor (LoadRestrictionsRootOnly):
/// a file, with symbolic links resolved, must be in or below the root.
/// </summary>
internal sealed class Loader
{
    private readonly IKustomizeFileSystem _fileSystem;
    private readonly bool _restrictToRoot;
    private string? _realRoot;

    public Loader(IKustomizeFileSystem fileSystem, string root, string kustomizationFile, bool restrictToRoot)
    {
        _fileSystem = fileSystem;
        Root = root;
        KustomizationFile = kustomizationFile;
        _restrictToRoot = restrictToRoot;
    }

    public string Root { get; }

    public string KustomizationFile { get; }

    public IKustomizeFileSystem FileSystem => _fileSystem;

    public string Resolve(string relative) => PathText.Join(Root, relative);

    public string ReadFile(string relative, string field)
    {
        var path = Resolve(relative);
        if (_fileSystem.IsDirectory(path))
        {
            throw new KustomizeException(KustomizationFile, relative, field, $"'{path}' is a directory, expected a file");
        }

        if (!_fileSystem.IsFile(path))
        {
            throw new KustomizeException(KustomizationFile, relative, field, $"file '{path}' does not exist; check the path (it is relative to {Root})");
        }

        CheckRestriction(path, relative, field);
        return _fileSystem.ReadAllText(path);
    }

    public void CheckRestriction(string path, string relative, string field)
    {
        if (!_restrictToRoot)
        {
            return;
        }

        var real = _fileSystem.ResolveLinks(path);
        var root = _realRoot ??= _fileSystem.ResolveLinks(Root);
        if (!PathText.IsWithin(real, root))
        {
            throw new KustomizeException(KustomizationFile, relative, field,
                $"security; file '{real}' is not in or below '{root}'; move it under the kustomization root or build with the load restrictor disabled");
        }
    }
}
