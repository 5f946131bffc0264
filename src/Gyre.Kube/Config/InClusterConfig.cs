namespace Gyre.Kube.Config;

/// <summary>
/// The configuration of a pod's service account (client-go <c>rest.InClusterConfig</c>): server from
/// <c>KUBERNETES_SERVICE_HOST</c>/<c>_PORT</c>, token and CA from the mounted service-account folder.
/// The environment values and folder are parameters so the caller decides where they come from.
/// </summary>
public static class InClusterConfig
{
    /// <summary>Where Kubernetes mounts the service-account token, CA and namespace.</summary>
    public const string DefaultServiceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount";

    /// <summary>Builds the connection.</summary>
    /// <exception cref="KubeConfigException">Not running in a cluster, or the mounted files are missing.</exception>
    public static async Task<KubeConnection> LoadAsync(string? serviceHost, string? servicePort, string serviceAccountDirectory, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceAccountDirectory);
        if (string.IsNullOrEmpty(serviceHost) || string.IsNullOrEmpty(servicePort))
        {
            throw new KubeConfigException(null, "KUBERNETES_SERVICE_HOST, KUBERNETES_SERVICE_PORT",
                "unable to load in-cluster configuration: the variables are not set; run inside a pod or pass --kubeconfig");
        }

        var tokenFile = Path.Combine(serviceAccountDirectory, "token");
        var caFile = Path.Combine(serviceAccountDirectory, "ca.crt");
        var nsFile = Path.Combine(serviceAccountDirectory, "namespace");
        if (!File.Exists(tokenFile))
        {
            throw new KubeConfigException(tokenFile, null, "the service-account token is not mounted; check automountServiceAccountToken");
        }

        var ca = File.Exists(caFile) ? await File.ReadAllTextAsync(caFile, cancellationToken).ConfigureAwait(false) : null;
        var ns = File.Exists(nsFile) ? (await File.ReadAllTextAsync(nsFile, cancellationToken).ConfigureAwait(false)).Trim() : "default";

        // IPv6 hosts need brackets in a URL (client-go uses net.JoinHostPort).
        var host = serviceHost.Contains(':', StringComparison.Ordinal) && !serviceHost.StartsWith('[') ? $"[{serviceHost}]" : serviceHost;
        return new KubeConnection
        {
            Server = KubeconfigResolver.ParseServer($"https://{host}:{servicePort}", null, "KUBERNETES_SERVICE_HOST"),
            Namespace = ns.Length == 0 ? "default" : ns,
            ContextName = "in-cluster",
            CertificateAuthorityPem = ca,
            TokenFile = tokenFile,
        };
    }
}
