using Gyre.Kustomize.Remote;

namespace Gyre.Controllers.Kustomizations;

/// <summary>
/// The fetcher of a controller started without remote bases (Flux's --no-remote-bases): every remote resource or base
/// fails the build, naming the kustomization file and the entry, with what to do instead.
/// </summary>
internal sealed class NoRemoteBases : IRemoteFetcher
{
    public static readonly NoRemoteBases Instance = new();

    private const string Why = "remote bases are disabled on this controller (--no-remote-bases); vendor the files into the source repository";

    public RemoteCheckout Clone(GitRepoSpec spec, CancellationToken cancellationToken) => throw new RemoteFetchException(Why);

    public string Download(Uri url, CancellationToken cancellationToken) => throw new RemoteFetchException(Why);
}
