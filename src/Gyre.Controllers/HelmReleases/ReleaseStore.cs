using Gyre.Helm.Storage;
using Gyre.Kube;
using Gyre.Kube.Dynamic;

namespace Gyre.Controllers.HelmReleases;

/// <summary>
/// Helm's storage on the cluster (the Secret driver): every revision of a release is a Secret in the storage
/// namespace, written and read in Helm 3's format by <see cref="ReleaseSecret"/>, so `helm list` and `helm history`
/// see Gyre's releases and Gyre adopts Helm's.
/// </summary>
internal sealed class ReleaseStore(KubeClient client, string storageNamespace, TimeProvider time)
{
    public async Task<IReadOnlyList<Release>> HistoryAsync(string releaseName, CancellationToken cancellationToken)
    {
        var secrets = await SecretsAsync(cancellationToken).ConfigureAwait(false);
        var list = await secrets.ListAsync(storageNamespace, new ListOptions { LabelSelector = ReleaseSecret.SelectorFor(releaseName) }, cancellationToken).ConfigureAwait(false);
        return list.Items.Where(s => (string?)s["type"] == ReleaseSecret.Type).Select(ReleaseSecret.FromSecret).OrderBy(r => r.Version).ToList();
    }

    public async Task CreateAsync(Release release, int maxHistory, CancellationToken cancellationToken)
    {
        var secrets = await SecretsAsync(cancellationToken).ConfigureAwait(false);
        foreach (var old in ReleaseHistory.ToPrune(await HistoryAsync(release.Name, cancellationToken).ConfigureAwait(false), maxHistory))
        {
            await DeleteAsync(secrets, old, cancellationToken).ConfigureAwait(false);
        }

        await secrets.CreateAsync(ReleaseSecret.ToSecret(release, time.GetUtcNow()), null, cancellationToken).ConfigureAwait(false);
    }

    public async Task UpdateAsync(Release release, CancellationToken cancellationToken)
    {
        var secrets = await SecretsAsync(cancellationToken).ConfigureAwait(false);
        var existing = await secrets.GetAsync(storageNamespace, release.Key, cancellationToken).ConfigureAwait(false);
        var created = long.TryParse((string?)existing["metadata"]?["labels"]?["createdAt"], out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : time.GetUtcNow();
        var secret = ReleaseSecret.ToSecret(release, created, time.GetUtcNow());
        secret["metadata"]!["resourceVersion"] = existing["metadata"]?["resourceVersion"]?.DeepClone();
        await secrets.UpdateAsync(secret, null, cancellationToken).ConfigureAwait(false);
    }

    public async Task DeleteAllAsync(string releaseName, CancellationToken cancellationToken)
    {
        var secrets = await SecretsAsync(cancellationToken).ConfigureAwait(false);
        foreach (var release in await HistoryAsync(releaseName, cancellationToken).ConfigureAwait(false))
        {
            await DeleteAsync(secrets, release, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task DeleteAsync(ResourceClient secrets, Release release, CancellationToken cancellationToken)
    {
        try
        {
            await secrets.DeleteAsync(storageNamespace, release.Key, null, cancellationToken).ConfigureAwait(false);
        }
        catch (KubeApiException ex) when (ex.IsNotFound)
        {
        }
    }

    private Task<ResourceClient> SecretsAsync(CancellationToken cancellationToken) => client.ForKindAsync("v1", "Secret", cancellationToken);
}
