using System.Text.Json.Nodes;
using Gyre.LocalCluster.Api;

namespace Gyre.LocalCluster.Objects;

/// <summary>
/// Version conversion between the stored version and the requested one. Built-ins serve one version; CRD versions
/// use the "None" conversion strategy, which only rewrites apiVersion (apiextensions' nopConverter).
/// </summary>
internal static class ResourceVersions
{
    /// <summary>The object as the requested version; the stored (shared, read-only) node itself when no rewrite is needed.</summary>
    public static JsonObject Convert(JsonObject stored, ResourceInfo requested)
    {
        if (!requested.IsCustom || stored["apiVersion"]?.GetValue<string>() == requested.ApiVersion)
        {
            return stored;
        }

        var copy = stored.DeepClone().AsObject();
        copy["apiVersion"] = requested.ApiVersion;
        return copy;
    }
}
