using System.Text.Json.Nodes;
using Gyre.LocalCluster.Api;

namespace Gyre.LocalCluster.Schema;

/// <summary>Finds the schema of a resource: the CRD version's openAPIV3Schema, or the built-in swagger definition.</summary>
internal static class SchemaLookup
{
    public static SchemaNode? For(ResourceInfo resource)
    {
        if (resource.IsCustom)
        {
            return resource.Schema is { } schema ? new SchemaNode(schema, null) : null;
        }

        return BuiltInSchemas.Instance.ForKind(resource.Group, resource.Version, resource.Kind);
    }
}
