using Gyre.Kustomize.FileSystem;

namespace Gyre.Kustomize.Build;

/// <summary>State shared by every kustomization of one build: the file system, options, the directories being built (for cycle detection) and warnings.</summary>
internal sealed class BuildSession(IKustomizeFileSystem fileSystem, KustomizeOptions options, CancellationToken cancellationToken)
{
    public IKustomizeFileSystem FileSystem { get; } = fileSystem;

    public KustomizeOptions Options { get; } = options;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    public Stack<string> InProgress { get; } = new();

    public List<string> Warnings { get; } = [];

    public void Warn(string warning)
    {
        if (!Warnings.Contains(warning))
        {
            Warnings.Add(warning);
        }
    }
}
