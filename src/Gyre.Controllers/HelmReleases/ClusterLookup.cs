using System.Text.Json.Nodes;
using Gyre.Helm;
using Gyre.Helm.Rendering;
using Gyre.Kube;
using Gyre.Kube.Discovery;

namespace Gyre.Controllers.HelmReleases;

/// <summary>
/// The template function <c>lookup</c> during install and upgrade, as Helm reads the cluster: a get by name or a list
/// (empty name), read-only, through the client the release is made with (so impersonated when the HelmRelease has a
/// service account, and on the remote cluster with a kubeConfig). Not found is an empty result; a kind the cluster
/// does not serve, or a refused read, fails the render naming the object.
/// </summary>
internal sealed class ClusterLookup(KubeClient client) : IResourceLookup
{
    public JsonObject? Lookup(string apiVersion, string kind, string @namespace, string name, CancellationToken cancellationToken) =>
        LookupAsync(apiVersion, kind, @namespace, name, cancellationToken).GetAwaiter().GetResult();

    private async Task<JsonObject?> LookupAsync(string apiVersion, string kind, string ns, string name, CancellationToken cancellationToken)
    {
        var what = $"lookup {apiVersion} {kind} {(ns.Length == 0 ? string.Empty : ns + "/")}{name}".TrimEnd();
        try
        {
            var resource = await client.ForKindAsync(apiVersion, kind, cancellationToken).ConfigureAwait(false);
            var scope = resource.Resource.Namespaced && ns.Length > 0 ? ns : null;
            if (name.Length > 0)
            {
                return await resource.GetAsync(scope, name, cancellationToken).ConfigureAwait(false);
            }

            var items = new JsonArray();
            await foreach (var item in resource.ListAllAsync(scope, null, cancellationToken).ConfigureAwait(false))
            {
                items.Add(item);
            }

            return new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind + "List", ["metadata"] = new JsonObject(), ["items"] = items };
        }
        catch (KubeApiException ex) when (ex.IsNotFound)
        {
            return null;
        }
        catch (KubeMappingException ex)
        {
            throw new HelmException($"{what}: the server does not serve this kind: {ex.Message}", innerException: ex);
        }
        catch (KubeApiException ex)
        {
            throw new HelmException($"{what}: {ex.Reason}: {ex.Status.Message}", innerException: ex);
        }
    }
}
