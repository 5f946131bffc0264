namespace Gyre.Kube.Config;

/// <summary>
/// Loads and merges kubeconfig files in kubectl's order (client-go <c>ClientConfigLoadingRules.Load</c>):
/// <c>--kubeconfig</c> alone if given; otherwise every file in <c>KUBECONFIG</c>, where the first file to define a
/// cluster, user or context name wins and the first file to set <c>current-context</c> wins; otherwise
/// <c>~/.kube/config</c>. Missing files in <c>KUBECONFIG</c> are skipped, as kubectl skips them.
/// </summary>
public static class KubeconfigLoader
{
    /// <summary>Loads the merged kubeconfig.</summary>
    /// <exception cref="KubeConfigException">A named file is missing or malformed.</exception>
    public static async Task<Kubeconfig> LoadAsync(KubeconfigSources sources, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sources);
        if (!string.IsNullOrEmpty(sources.ExplicitPath))
        {
            if (!File.Exists(sources.ExplicitPath))
            {
                throw new KubeConfigException(sources.ExplicitPath, null, "the kubeconfig file given with --kubeconfig does not exist");
            }

            return await LoadFileAsync(sources.ExplicitPath, cancellationToken).ConfigureAwait(false);
        }

        var files = FilesFor(sources);
        var loaded = new List<Kubeconfig>();
        foreach (var file in files.Where(File.Exists))
        {
            loaded.Add(await LoadFileAsync(file, cancellationToken).ConfigureAwait(false));
        }

        return Merge(loaded);
    }

    /// <summary>Reads one file.</summary>
    public static async Task<Kubeconfig> LoadFileAsync(string file, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(file);
        string text;
        try
        {
            text = await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            throw new KubeConfigException(file, null, $"cannot be read: {e.Message}", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new KubeConfigException(file, null, $"cannot be read: {e.Message}", e);
        }

        return KubeconfigParser.Parse(text, file);
    }

    /// <summary>Parses kubeconfig text that came from somewhere other than a file (a Secret); <paramref name="source"/> names it in errors.</summary>
    public static Kubeconfig Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentException.ThrowIfNullOrEmpty(source);
        return KubeconfigParser.Parse(text, source);
    }

    /// <summary>Merges configurations in precedence order: earlier entries win.</summary>
    public static Kubeconfig Merge(IEnumerable<Kubeconfig> configs)
    {
        ArgumentNullException.ThrowIfNull(configs);
        string? current = null;
        var clusters = new Dictionary<string, KubeconfigCluster>(StringComparer.Ordinal);
        var users = new Dictionary<string, KubeconfigUser>(StringComparer.Ordinal);
        var contexts = new Dictionary<string, KubeconfigContext>(StringComparer.Ordinal);
        var files = new List<string>();
        foreach (var config in configs)
        {
            current ??= string.IsNullOrEmpty(config.CurrentContext) ? null : config.CurrentContext;
            foreach (var (k, v) in config.Clusters)
            {
                clusters.TryAdd(k, v);
            }

            foreach (var (k, v) in config.Users)
            {
                users.TryAdd(k, v);
            }

            foreach (var (k, v) in config.Contexts)
            {
                contexts.TryAdd(k, v);
            }

            files.AddRange(config.Files);
        }

        return new Kubeconfig { CurrentContext = current, Clusters = clusters, Users = users, Contexts = contexts, Files = files };
    }

    internal static IReadOnlyList<string> FilesFor(KubeconfigSources sources)
    {
        if (!string.IsNullOrEmpty(sources.KubeconfigVariable))
        {
            // client-go deduplicates the list and ignores empty entries.
            return sources.KubeconfigVariable.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Distinct(StringComparer.Ordinal).ToList();
        }

        return string.IsNullOrEmpty(sources.HomeDirectory) ? [] : [Path.Combine(sources.HomeDirectory, ".kube", "config")];
    }
}
