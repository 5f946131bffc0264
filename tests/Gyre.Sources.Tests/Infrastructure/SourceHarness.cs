using Gyre.Sources.Artifacts;
using Gyre.Sources.Git;

namespace Gyre.Sources.Tests.Infrastructure;

/// <summary>A store, scratch space and GitRepositorySource wired the way the reconciler will wire them.</summary>
public sealed class SourceHarness : IDisposable
{
    private readonly TempDirectory _dir = new();

    public SourceHarness()
    {
        Time = new ManualTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        Store = new ArtifactStore(_dir.Combine("store"), "http://gyre.test", Time);
        Secrets = new SecretFileCache(_dir.Combine("secrets"));
        Git = new GitRepositorySource(Store, _dir.Combine("work"), Secrets);
    }

    public ManualTimeProvider Time { get; }

    public ArtifactStore Store { get; }

    public SecretFileCache Secrets { get; }

    public GitRepositorySource Git { get; }

    public string WorkDirectory => _dir.Combine("work");

    public static ArtifactKey Key(string name = "app") => new("GitRepository", "default", name);

    /// <summary>Unpacks an artifact and returns its files (relative, slash-separated) with their content.</summary>
    public async Task<SortedDictionary<string, string>> FilesOfAsync(Artifact artifact)
    {
        var target = _dir.Combine("unpacked-" + Guid.NewGuid().ToString("N"));
        await using (var stream = File.OpenRead(Store.LocalPath(artifact.Path)))
        {
            await ArchiveExtractor.ExtractAsync(stream, target, artifact.Path, ExtractionLimits.Default, TestTimeout.Token);
        }

        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(target, "*", SearchOption.AllDirectories))
        {
            files[Path.GetRelativePath(target, file).Replace('\\', '/')] = File.ReadAllText(file);
        }

        return files;
    }

    public void Dispose() => _dir.Dispose();
}
