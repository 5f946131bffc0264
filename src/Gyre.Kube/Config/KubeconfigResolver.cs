using System.Text;

namespace Gyre.Kube.Config;

/// <summary>
/// Turns a kubeconfig and kubectl-style overrides into a <see cref="KubeConnection"/>, reading referenced CA,
/// certificate and key files (client-go <c>DirectClientConfig.ClientConfig</c>).
/// </summary>
public static class KubeconfigResolver
{
    /// <summary>Resolves the selected context.</summary>
    /// <exception cref="KubeConfigException">The context, cluster or user is missing or unusable.</exception>
    public static async Task<KubeConnection> ResolveAsync(Kubeconfig config, KubeContextOverrides overrides, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(overrides);
        var files = config.Files.Count == 0 ? "kubeconfig" : string.Join(Path.PathSeparator, config.Files);
        var contextName = string.IsNullOrEmpty(overrides.Context) ? config.CurrentContext : overrides.Context;
        KubeconfigContext? context = null;
        if (!string.IsNullOrEmpty(contextName) && !config.Contexts.TryGetValue(contextName, out context))
        {
            throw new KubeConfigException(files, "contexts", $"context '{contextName}' not found{Available(config.Contexts.Keys)}");
        }

        if (context is null && (string.IsNullOrEmpty(overrides.Cluster) || string.IsNullOrEmpty(overrides.User)))
        {
            throw new KubeConfigException(files, "current-context",
                "no context is selected; pass --context or set current-context (kubectl config use-context NAME)");
        }

        var clusterName = overrides.Cluster ?? context?.Cluster;
        if (clusterName is null || !config.Clusters.TryGetValue(clusterName, out var cluster))
        {
            throw new KubeConfigException(files, $"contexts[{contextName}].context.cluster", $"cluster '{clusterName}' not found{Available(config.Clusters.Keys)}");
        }

        var userName = overrides.User ?? context?.User;
        var user = userName is null ? null : config.Users.GetValueOrDefault(userName);
        if (userName is not null && user is null)
        {
            throw new KubeConfigException(files, $"contexts[{contextName}].context.user", $"user '{userName}' not found{Available(config.Users.Keys)}");
        }

        var ns = overrides.Namespace ?? context?.Namespace;
        return await BuildAsync(cluster, user, string.IsNullOrEmpty(ns) ? "default" : ns, contextName, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<KubeConnection> BuildAsync(KubeconfigCluster cluster, KubeconfigUser? user, string ns, string? contextName, CancellationToken cancellationToken)
    {
        var clusterWhere = $"clusters[{cluster.Name}].cluster";
        var userWhere = $"users[{user?.Name}].user";
        if (string.IsNullOrEmpty(cluster.Server))
        {
            throw new KubeConfigException(cluster.SourceFile, clusterWhere + ".server", "is required");
        }

        Uri? proxy = null;
        if (!string.IsNullOrEmpty(cluster.ProxyUrl) && !Uri.TryCreate(cluster.ProxyUrl, UriKind.Absolute, out proxy))
        {
            throw new KubeConfigException(cluster.SourceFile, clusterWhere + ".proxy-url", $"'{cluster.ProxyUrl}' is not an absolute URL");
        }

        return new KubeConnection
        {
            Server = ParseServer(cluster.Server, cluster.SourceFile, clusterWhere + ".server"),
            Namespace = ns,
            ContextName = contextName,
            CertificateAuthorityPem = await PemAsync(cluster.CertificateAuthorityData, cluster.CertificateAuthority, cluster.SourceFile, clusterWhere + ".certificate-authority", cancellationToken).ConfigureAwait(false),
            InsecureSkipTlsVerify = cluster.InsecureSkipTlsVerify,
            TlsServerName = cluster.TlsServerName,
            ProxyUrl = proxy,
            ClientCertificatePem = user is null ? null : await PemAsync(user.ClientCertificateData, user.ClientCertificate, user.SourceFile, userWhere + ".client-certificate", cancellationToken).ConfigureAwait(false),
            ClientKeyPem = user is null ? null : await PemAsync(user.ClientKeyData, user.ClientKey, user.SourceFile, userWhere + ".client-key", cancellationToken).ConfigureAwait(false),
            Token = user?.Token,
            TokenFile = user?.TokenFile,
            Username = user?.Username,
            Password = user?.Password,
            Exec = user?.Exec,
            Impersonate = string.IsNullOrEmpty(user?.Impersonate) ? null : new KubeImpersonation(user.Impersonate, user.ImpersonateGroups)
            {
                Uid = string.IsNullOrEmpty(user.ImpersonateUid) ? null : user.ImpersonateUid,
                Extra = user.ImpersonateExtra,
            },
        };
    }

    internal static Uri ParseServer(string server, string? file, string field)
    {
        // kubectl accepts "host:port" and assumes https.
        var text = server.Contains("://", StringComparison.Ordinal) ? server : "https://" + server;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            throw new KubeConfigException(file, field, $"'{server}' is not an http(s) URL");
        }

        return uri;
    }

    private static async Task<string?> PemAsync(byte[]? data, string? path, string? file, string field, CancellationToken cancellationToken)
    {
        if (data is { Length: > 0 })
        {
            return Encoding.UTF8.GetString(data);
        }

        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        try
        {
            return await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KubeConfigException(file, field, $"cannot read '{path}': {e.Message}", e);
        }
    }

    private static string Available(IEnumerable<string> names)
    {
        var list = names.Order(StringComparer.Ordinal).ToList();
        return list.Count == 0 ? " (none are defined)" : $"; defined: {string.Join(", ", list)}";
    }
}
