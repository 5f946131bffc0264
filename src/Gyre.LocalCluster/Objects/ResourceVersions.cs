using System.Text.Json.Nodes;
using Gyre.LocalCluster.Api;

namespace Gyre.LocalCluster.Objects;

/// <summary>
/// Version conversion between the stored version and the requested one. Built-ins serve one version; CRD versions
/// use the "None" conversion strategy, which only rewrites apiVersion (apiextensions' nopConverter).
/// </summary>
internal static class ResourceVersions
{
    public static JsonObject Convert(JsonObject stored, ResourceInfo requested)
    {
        var copy = stored.DeepClone().AsObject();
        if (requested.IsCustom)
        {
            copy["apiVersion"] = requested.ApiVersion;
        }

        return copy;
    }
}
