using System.Text.Json.Nodes;
using Gyre.Controllers.HelmReleases;
using Gyre.Helm.Storage;
using Gyre.Kube;
using Gyre.Kube.Discovery;
using Gyre.Manifests;

namespace Gyre.Cli.Flux;

/// <summary>
/// What a Kustomization or HelmRelease manages, as `flux tree` reads it: status.inventory when the object has one;
/// for a HelmRelease without it, the objects of its current release's manifest in Helm's storage (the Secret
/// sh.helm.release.v1.NAME.vN in status.storageNamespace), namespaced objects without a namespace defaulting to
/// the release's.
/// </summary>
internal static class Inventory
{
    public static async Task<IReadOnlyList<ObjectRef>> ReadAsync(KubeClient client, JsonObject owner, FluxKind kind, CancellationToken cancellationToken)
    {
        var entries = (owner["status"]?["inventory"]?["entries"] as JsonArray)?.OfType<JsonObject>()
            .Select(e => (string?)e["id"]).OfType<string>().Where(id => id.Length > 0).Select(ObjectRef.FromInventoryId).ToList();
        if (entries is { Count: > 0 } || kind != FluxKinds.HelmRelease)
        {
            return entries ?? [];
        }

        return await ReleaseObjectsAsync(client, owner, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<ObjectRef>> ReleaseObjectsAsync(KubeClient client, JsonObject release, CancellationToken cancellationToken)
    {
        var latest = (release["status"]?["history"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault();
        if ((string?)latest?["name"] is not { } releaseName || latest["version"]?.GetValue<int>() is not { } version)
        {
            return [];
        }

        var storage = (string?)release["status"]?["storageNamespace"] ?? FluxObject.Namespace(release);
        var secrets = await client.ForKindAsync("v1", "Secret", cancellationToken).ConfigureAwait(false);
        JsonObject secret;
        try
        {
            secret = await secrets.GetAsync(storage, ReleaseSecret.NameOf(releaseName, version), cancellationToken).ConfigureAwait(false);
        }
        catch (KubeApiException ex) when (ex.IsNotFound)
        {
            return [];
        }

        var stored = ReleaseSecret.FromSecret(secret);
        var objects = new List<ObjectRef>();
        foreach (var document in ReleaseManifest.Parse(stored.Manifest))
        {
            var obj = document.Object;
            var ns = obj.Namespace ?? string.Empty;
            if (ns.Length == 0 && await IsNamespacedAsync(client, obj, cancellationToken).ConfigureAwait(false))
            {
                ns = stored.Namespace;
            }

            objects.Add(new ObjectRef(obj.Group, obj.Kind, ns, obj.Name));
        }

        return objects;
    }

    private static async Task<bool> IsNamespacedAsync(KubeClient client, KubeObject obj, CancellationToken cancellationToken)
    {
        try
        {
            return (await client.ForKindAsync(obj.ApiVersion, obj.Kind, cancellationToken).ConfigureAwait(false)).Resource.Namespaced;
        }
        catch (KubeMappingException)
        {
            return true; // a kind the server does not serve (any more): as Helm, assume namespaced
        }
    }
}
