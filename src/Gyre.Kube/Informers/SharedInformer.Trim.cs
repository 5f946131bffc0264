using System.Text.Json.Nodes;

namespace Gyre.Kube.Informers;

/// <summary>What the cache keeps of each listed or watched object (<see cref="InformerOptions.MetadataOnly"/>, <see cref="InformerOptions.StripManagedFields"/>).</summary>
public sealed partial class SharedInformer
{
    // The object was just parsed from the response and nothing else holds it, so it is trimmed in place.
    private JsonObject Trim(JsonObject obj)
    {
        if (_options.StripManagedFields && obj["metadata"] is JsonObject metadata)
        {
            metadata.Remove("managedFields");
        }

        if (!_options.MetadataOnly)
        {
            return obj;
        }

        var trimmed = new JsonObject();
        foreach (var field in (string[])["apiVersion", "kind", "metadata"])
        {
            if (obj.Remove(field, out var value))
            {
                trimmed[field] = value;
            }
        }

        return trimmed;
    }
}
