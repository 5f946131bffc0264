using System.Text.Json.Nodes;
using Gyre.Kube;
using Gyre.Kube.Discovery;
using Gyre.Kube.Dynamic;

namespace Gyre.Cli.Flux;

/// <summary>Finds the REST resource of a Flux kind and reads single objects, turning API errors into what-to-do messages.</summary>
internal static class FluxResources
{
    public static async Task<ResourceClient> ForAsync(KubeClient client, FluxKind kind, CancellationToken cancellationToken)
    {
        try
        {
            return await client.ForKindAsync(kind.Gvk, cancellationToken).ConfigureAwait(false);
        }
        catch (KubeMappingException ex)
        {
            throw new CommandException($"{kind.Kind}: the kind is not served by the cluster ({kind.ApiVersion}): {ex.Message}; install the CRDs with `gyre install` or run `gyre up`");
        }
    }

    /// <summary>The resource, or null when the cluster does not serve the kind (for `get all`, `stats`).</summary>
    public static async Task<ResourceClient?> TryForAsync(KubeClient client, FluxKind kind, CancellationToken cancellationToken)
    {
        try
        {
            return await client.ForKindAsync(kind.Gvk, cancellationToken).ConfigureAwait(false);
        }
        catch (KubeMappingException)
        {
            return null;
        }
    }

    public static async Task<JsonObject> GetAsync(ResourceClient resource, FluxKind kind, string ns, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await resource.GetAsync(ns, name, cancellationToken).ConfigureAwait(false);
        }
        catch (KubeApiException ex) when (ex.IsNotFound)
        {
            throw new CommandException($"{kind.Kind} {ns}/{name}: not found; list them with `gyre get {Plural(kind)} -A`");
        }
    }

    public static async Task<List<JsonObject>> ListAsync(ResourceClient resource, string? ns, string? labelSelector, CancellationToken cancellationToken)
    {
        var items = new List<JsonObject>();
        await foreach (var item in resource.ListAllAsync(ns, new ListOptions { LabelSelector = labelSelector, Limit = 500 }, cancellationToken).ConfigureAwait(false))
        {
            items.Add(item);
        }

        items.Sort((a, b) => string.CompareOrdinal(FluxObject.Namespace(a) + "/" + FluxObject.Name(a), FluxObject.Namespace(b) + "/" + FluxObject.Name(b)));
        return items;
    }

    public static string Plural(FluxKind kind) => kind.IsSource ? "sources " + kind.Command : kind.IsImage ? "images " + kind.Command : kind.Aliases[0];
}
