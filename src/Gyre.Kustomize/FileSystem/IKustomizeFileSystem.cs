namespace Gyre.Kustomize.FileSystem;

/// <summary>
/// The files a build may read (kyaml's filesys.FileSystem). Paths are absolute and use '/'. Reads are synchronous as
/// kustomize's are: builds read small local files, and the Kustomization controller passes an in-memory tree.
/// </summary>
public interface IKustomizeFileSystem
{
    bool IsFile(string path);

    bool IsDirectory(string path);

    string ReadAllText(string path);

    /// <summary>The path with symbolic links resolved (the load restrictor checks where a file really is).</summary>
    string ResolveLinks(string path);
}
