using System.Text.Json.Nodes;
using Gyre.Api.Meta;

namespace Gyre.Cli.Flux;

/// <summary>An object as `flux export` writes it: apiVersion, kind, name, namespace, labels, annotations and spec; no status or server fields.</summary>
internal static class ExportedObject
{
    private static readonly string[] DroppedAnnotations = ["kubectl.kubernetes.io/last-applied-configuration", FluxAnnotations.RequestedAt];

    public static JsonObject From(JsonObject obj)
    {
        var metadata = new JsonObject { ["name"] = FluxObject.Name(obj), ["namespace"] = FluxObject.Namespace(obj) };
        if (obj["metadata"]?["labels"] is JsonObject { Count: > 0 } labels)
        {
            metadata["labels"] = labels.DeepClone();
        }

        if (obj["metadata"]?["annotations"] is JsonObject annotations)
        {
            var kept = new JsonObject();
            foreach (var (key, value) in annotations.Where(a => !DroppedAnnotations.Contains(a.Key)))
            {
                kept[key] = value?.DeepClone();
            }

            if (kept.Count > 0)
            {
                metadata["annotations"] = kept;
            }
        }

        var exported = new JsonObject { ["apiVersion"] = obj["apiVersion"]?.DeepClone(), ["kind"] = obj["kind"]?.DeepClone(), ["metadata"] = metadata };
        if (obj["spec"] is { } spec)
        {
            exported["spec"] = spec.DeepClone();
        }

        return exported;
    }
}
