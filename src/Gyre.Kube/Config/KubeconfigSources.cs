namespace Gyre.Kube.Config;

/// <summary>
/// Where kubeconfig files come from, passed in by the caller so the client reads no environment itself.
/// </summary>
/// <param name="ExplicitPath">The <c>--kubeconfig</c> flag: when set, only this file is read and it must exist.</param>
/// <param name="KubeconfigVariable">The value of <c>KUBECONFIG</c>: a list of files separated by <see cref="Path.PathSeparator"/>.</param>
/// <param name="HomeDirectory">The user's home, for the default <c>~/.kube/config</c>.</param>
public sealed record KubeconfigSources(string? ExplicitPath, string? KubeconfigVariable, string? HomeDirectory);
