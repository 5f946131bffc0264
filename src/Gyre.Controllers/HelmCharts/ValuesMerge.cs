using System.Text.Json.Nodes;

namespace Gyre.Controllers.HelmCharts;

/// <summary>
/// Flux's values merge (fluxcd/pkg chartutil/transform MergeMaps): maps merge key by key recursively, any other
/// value from the later document replaces the earlier one.
/// </summary>
internal static class ValuesMerge
{
    public static JsonObject Merge(JsonObject into, JsonObject from)
    {
        ArgumentNullException.ThrowIfNull(into);
        ArgumentNullException.ThrowIfNull(from);
        var result = (JsonObject)into.DeepClone();
        foreach (var (key, value) in from)
        {
            result[key] = result[key] is JsonObject existing && value is JsonObject incoming
                ? Merge(existing, incoming)
                : value?.DeepClone();
        }

        return result;
    }
}
