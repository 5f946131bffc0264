namespace Gyre.Kube;

/// <summary>
/// The client configuration is unusable: a kubeconfig file, a context, a credential plugin or in-cluster files.
/// Carries the file and field as data. Never transient: retrying the same configuration cannot help.
/// </summary>
public sealed class KubeConfigException : KubeException
{
    /// <summary>Creates the exception; the message reads <c>&lt;file&gt;: &lt;field&gt;: &lt;why&gt;</c>.</summary>
    public KubeConfigException(string? file, string? field, string why, Exception? innerException = null)
        : base(Compose(file, field, why), innerException)
    {
        File = file;
        Field = field;
    }

    /// <summary>The kubeconfig (or other) file at fault, when there is one.</summary>
    public string? File { get; }

    /// <summary>The field path at fault, e.g. <c>users[admin].user.client-key</c>.</summary>
    public string? Field { get; }

    /// <inheritdoc />
    public override bool IsTransient => false;

    private static string Compose(string? file, string? field, string why)
    {
        var where = string.Join(": ", new[] { file, field }.Where(s => !string.IsNullOrEmpty(s)));
        return where.Length == 0 ? why : $"{where}: {why}";
    }
}
