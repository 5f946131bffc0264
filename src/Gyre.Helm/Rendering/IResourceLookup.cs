using System.Text.Json.Nodes;

namespace Gyre.Helm.Rendering;

/// <summary>
/// What the template function <c>lookup</c> reads: a live object (name set) or a list (name empty) from the cluster.
/// Without one (helm template), lookup returns an empty map as Helm does.
/// </summary>
public interface IResourceLookup
{
    /// <summary>The object, or a list object ({"apiVersion","kind":"XList","items":[...]}) when <paramref name="name"/>
    /// is empty; null when not found. Throws <see cref="HelmException"/> for other failures.</summary>
    JsonObject? Lookup(string apiVersion, string kind, string @namespace, string name, CancellationToken cancellationToken);
}
