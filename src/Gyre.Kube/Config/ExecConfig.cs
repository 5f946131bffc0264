namespace Gyre.Kube.Config;

/// <summary>
/// A kubeconfig user's <c>exec</c> stanza: a credential plugin run to obtain a token or client certificate
/// (client.authentication.k8s.io/v1 or v1beta1).
/// </summary>
public sealed record ExecConfig
{
    /// <summary>The ExecCredential API version the plugin speaks.</summary>
    public required string ApiVersion { get; init; }

    /// <summary>The command; relative paths containing a separator are resolved against the kubeconfig's folder.</summary>
    public required string Command { get; init; }

    /// <summary>Arguments passed to the command.</summary>
    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>Extra environment variables for the plugin.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Env { get; init; } = [];

    /// <summary>Shown to the user when the command cannot be found.</summary>
    public string? InstallHint { get; init; }

    /// <summary>Whether to pass the cluster's server and CA to the plugin in <c>KUBERNETES_EXEC_INFO</c>.</summary>
    public bool ProvideClusterInfo { get; init; }

    /// <summary><c>Never</c>, <c>IfAvailable</c> or <c>Always</c>; Gyre never runs plugins interactively.</summary>
    public string? InteractiveMode { get; init; }
}
