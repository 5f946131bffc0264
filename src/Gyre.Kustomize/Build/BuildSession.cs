using Gyre.Kustomize.FileSystem;
using Gyre.Kustomize.Remote;

namespace Gyre.Kustomize.Build;

/// <summary>
/// State shared by every kustomization of one build: the file system (with remote checkouts mounted), options, the
/// directories being built (for cycle detection), the remote checkouts, and warnings.
/// </summary>
internal sealed class BuildSession(IKustomizeFileSystem fileSystem, KustomizeOptions options, CancellationToken cancellationToken) : IDisposable
{
    private readonly MountedFileSystem _fileSystem = new(fileSystem);
    private readonly Dictionary<(string Url, string Ref, bool Submodules), RemoteCheckout> _clones = [];

    public IKustomizeFileSystem FileSystem => _fileSystem;

    public KustomizeOptions Options { get; } = options;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    public Stack<string> InProgress { get; } = new();

    public List<string> Warnings { get; } = [];

    /// <summary>Each checkout's directory and the spec it was cloned for (for origin annotations and containment).</summary>
    public List<(string Directory, GitRepoSpec Spec)> Checkouts { get; } = [];

    private IDisposable? _schemaScope;

    /// <summary>The root asked for buildMetadata transformerAnnotations: every transformer run is recorded.</summary>
    public bool RecordTransformations { get; set; }

    /// <summary>True once a kustomization's `openapi:` field has decided the schema of this build.</summary>
    public bool SchemaConfigured { get; set; }

    public void UseSchema(KubernetesSchema schema) => _schemaScope = KubernetesSchema.Use(schema);

    public void Warn(string warning)
    {
        if (!Warnings.Contains(warning))
        {
            Warnings.Add(warning);
        }
    }

    /// <summary>Clones spec once per build (the same repository and ref reused) and mounts it.</summary>
    public string Clone(GitRepoSpec spec, IRemoteFetcher fetcher)
    {
        var key = (spec.CloneUrl, spec.Ref, spec.Submodules);
        if (!_clones.TryGetValue(key, out var checkout))
        {
            checkout = fetcher.Clone(spec, CancellationToken);
            _clones[key] = checkout;
            _fileSystem.Mount(checkout.Directory, checkout.FileSystem);
        }

        Checkouts.Add((PathText.Clean(checkout.Directory), spec));
        return PathText.Clean(checkout.Directory);
    }

    /// <summary>The checkout holding path, if path lies in a cloned repository.</summary>
    public (string Directory, GitRepoSpec Spec)? CheckoutOf(string path)
    {
        foreach (var checkout in Checkouts)
        {
            if (PathText.IsWithin(path, checkout.Directory))
            {
                return checkout;
            }
        }

        return null;
    }

    public void Dispose()
    {
        foreach (var checkout in _clones.Values)
        {
            checkout.Dispose();
        }

        _clones.Clear();
        _schemaScope?.Dispose();
    }
}
