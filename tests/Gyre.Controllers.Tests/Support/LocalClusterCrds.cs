using System.Text.Json.Nodes;
using Gyre.Api.Crds;
using Gyre.Kube;
using Gyre.Kube.Dynamic;

namespace Gyre.Controllers.Tests.Support;

/// <summary>
/// Works around a Gyre.LocalCluster gap: its structural-schema pass (StructuralSchema.ProcessArray) re-assigns each
/// array item to its own array and fails with "The node already has a parent" (HTTP 500) for any object holding a
/// schema-typed array. Until that is fixed, the tests install Gyre's CRDs with array properties left undeclared under
/// x-kubernetes-preserve-unknown-fields; everything else (types, enums, patterns, printer columns) stays as shipped.
/// </summary>
public static class LocalClusterCrds
{
    public static async Task InstallAsync(KubeClient client, CancellationToken cancellationToken)
    {
        var crds = await client.ForKindAsync("apiextensions.k8s.io/v1", "CustomResourceDefinition", cancellationToken);
        foreach (var crd in FluxCrds.All())
        {
            var json = (JsonObject)crd.Json.DeepClone();
            foreach (var version in json["spec"]!["versions"]!.AsArray().OfType<JsonObject>())
            {
                Undeclare(version["schema"]!["openAPIV3Schema"]!.AsObject());
            }

            await crds.ApplyAsync(json, new WriteOptions { FieldManager = "gyre", Force = true }, cancellationToken);
        }
    }

    private static void Undeclare(JsonObject schema)
    {
        if (schema["properties"] is not JsonObject properties)
        {
            return;
        }

        foreach (var (name, property) in properties.ToList())
        {
            if ((string?)property?["type"] == "array")
            {
                properties.Remove(name);
                schema["x-kubernetes-preserve-unknown-fields"] = true;
            }
            else if (property is JsonObject child)
            {
                Undeclare(child);
            }
        }
    }
}
