namespace Gyre.Kustomize.Remote;

/// <summary>
/// Fetches remote resources for a build that allows them (kustomize's git cloner and HTTP loader). The engine stays
/// free of I/O: the caller supplies this, and a build without one refuses remote entries.
/// </summary>
public interface IRemoteFetcher
{
    /// <summary>Checks out spec.Ref (or the remote HEAD) of spec.CloneUrl; throws <see cref="RemoteFetchException"/> on failure.</summary>
    RemoteCheckout Clone(GitRepoSpec spec, CancellationToken cancellationToken);

    /// <summary>The body of an http(s) resource URL; throws <see cref="RemoteFetchException"/> (with the status) on failure.</summary>
    string Download(Uri url, CancellationToken cancellationToken);
}
