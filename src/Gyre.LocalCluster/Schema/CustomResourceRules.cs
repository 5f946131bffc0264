using System.Text.Json.Nodes;
using Gyre.LocalCluster.Api;
using Gyre.LocalCluster.Objects;
using Gyre.LocalCluster.Storage;

namespace Gyre.LocalCluster.Schema;

/// <summary>
/// Write-time rules of apiextensions: a CRD gets its names checked and status set; a custom resource is pruned,
/// defaulted and validated against its version's structural schema and then its CEL rules (<see cref="ValidationRules"/>;
/// <paramref name="old"/> is the stored object on update), 422 Invalid naming each field.
/// </summary>
internal static class CustomResourceRules
{
    public static void Validate(ClusterState state, ResourceInfo resource, JsonObject obj, StoreTransaction tx, JsonObject? old = null)
    {
        if (resource.Group == "apiextensions.k8s.io" && resource.Kind == "CustomResourceDefinition")
        {
            CustomResourceDefinitions.Prepare(obj, state.Lifecycle.Now, tx);
            return;
        }

        if (!resource.IsCustom || resource.Schema is null)
        {
            return;
        }

        var schema = new SchemaNode(resource.Schema, null);
        var causes = new List<StatusCause>();
        foreach (var (key, value) in obj.ToList())
        {
            if (key is "apiVersion" or "kind" or "metadata")
            {
                continue;
            }

            if (schema.Properties?.ContainsKey(key) != true && !schema.PreservesUnknownFields)
            {
                obj.Remove(key);
                continue;
            }

            var processed = StructuralSchema.Process(value, schema.Property(key), key, causes);
            if (!ReferenceEquals(processed, value))
            {
                obj[key] = processed;
            }
        }

        StructuralSchema.ApplyDefaults(obj, schema);
        StructuralSchema.CheckRequired(obj, schema, string.Empty, causes, skipMetadata: true);
        if (causes.Count == 0)
        {
            ValidationRules.Check(resource.Schema, obj, old, causes);
        }

        if (causes.Count > 0)
        {
            throw ApiStatusException.Invalid(resource.Kind, resource.Group, new ObjectMeta(obj).Name, causes);
        }
    }
}
