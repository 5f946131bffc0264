using Gyre.Kustomize.Remote;

namespace Gyre.Controllers.Tests.Support;

/// <summary>Serves remote kustomize resources from memory, by URL; anything else is an HTTP 404.</summary>
public sealed class StaticRemoteFetcher : IRemoteFetcher
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _files = new(StringComparer.Ordinal);

    public void Serve(string url, string body) => _files[url] = body;

    public RemoteCheckout Clone(GitRepoSpec spec, CancellationToken cancellationToken) =>
        throw new RemoteFetchException($"no repository {spec.CloneUrl} in this test", 404);

    public string Download(Uri url, CancellationToken cancellationToken) =>
        _files.TryGetValue(url.ToString(), out var body) ? body : throw new RemoteFetchException($"{url}: 404 Not Found", 404);
}
