namespace Gyre.Sources.Helm;

/// <summary>
/// Helm's passCredentials rule (helm pkg/getter, source-controller HelmRepository spec.passCredentials): repository
/// credentials go to chart URLs on the index's own scheme, host and port, and to other hosts only when
/// passCredentials is true.
/// </summary>
public static class HelmCredentialsPolicy
{
    public static bool SendCredentials(Uri repositoryUrl, Uri chartUrl, bool passCredentials)
    {
        ArgumentNullException.ThrowIfNull(repositoryUrl);
        ArgumentNullException.ThrowIfNull(chartUrl);
        return passCredentials
            || (string.Equals(repositoryUrl.Scheme, chartUrl.Scheme, StringComparison.OrdinalIgnoreCase)
                && string.Equals(repositoryUrl.Host, chartUrl.Host, StringComparison.OrdinalIgnoreCase)
                && repositoryUrl.Port == chartUrl.Port);
    }
}
