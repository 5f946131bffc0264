using System.Text.Json.Nodes;
using Gyre.LocalCluster.Api;

namespace Gyre.LocalCluster.Objects;

/// <summary>
/// Version conversion between the stored version and the requested one. Built-ins serve one version, except
/// HorizontalPodAutoscalers (autoscaling/v2 and v1, <see cref="HorizontalPodAutoscalerVersions"/>); CRD versions use
/// the "None" conversion strategy, which only rewrites apiVersion (apiextensions' nopConverter).
/// </summary>
internal static class ResourceVersions
{
    /// <summary>The object as the requested version; the stored (shared, read-only) node itself when no rewrite is needed.</summary>
    public static JsonObject Convert(JsonObject stored, ResourceInfo requested)
    {
        if (stored["apiVersion"]?.GetValue<string>() == requested.ApiVersion)
        {
            return stored;
        }

        if (HorizontalPodAutoscalerVersions.Applies(requested.Group, requested.Kind))
        {
            return requested.Version == "v1" ? HorizontalPodAutoscalerVersions.ToV1(stored) : HorizontalPodAutoscalerVersions.ToV2(stored);
        }

        if (!requested.IsCustom)
        {
            return stored;
        }

        var copy = stored.DeepClone().AsObject();
        copy["apiVersion"] = requested.ApiVersion;
        return copy;
    }
}
