using System.Text.Json.Nodes;
using Gyre.LocalCluster.Api;

namespace Gyre.LocalCluster.Objects;

/// <summary>
/// The update rules kube-apiserver's validation applies to fields that cannot change after creation: a workload's
/// spec.selector (apps/v1 ValidateDeploymentUpdate and friends), a Job's selector and pod template, and the data of a
/// ConfigMap or Secret marked immutable. A violating update is refused as 422 Invalid, as the real server does,
/// which is what tools that recreate objects on immutable changes (kubectl replace --force, Flux's force) rely on.
/// </summary>
internal static class ImmutableFields
{
    public static void Check(ResourceInfo resource, JsonObject old, JsonObject updated)
    {
        var causes = new List<StatusCause>();
        switch (resource.Group, resource.Kind)
        {
            case ("apps", "Deployment" or "ReplicaSet" or "DaemonSet" or "StatefulSet"):
                Unchanged(causes, old, updated, "spec", "selector");
                break;
            case ("batch", "Job"):
                Unchanged(causes, old, updated, "spec", "selector");
                Unchanged(causes, old, updated, "spec", "template");
                break;
            case ("", "ConfigMap" or "Secret") when old["immutable"] is JsonValue flag && flag.TryGetValue<bool>(out var immutable) && immutable:
                foreach (var field in new[] { "data", "binaryData", "immutable" })
                {
                    if (!JsonNode.DeepEquals(old[field], updated[field]))
                    {
                        causes.Add(new StatusCause("FieldValueForbidden", "Forbidden: field is immutable when `immutable` is set", field));
                    }
                }

                break;
        }

        if (causes.Count > 0)
        {
            throw ApiStatusException.Invalid(resource.Kind, resource.Group, new ObjectMeta(updated).Name, causes);
        }
    }

    private static void Unchanged(List<StatusCause> causes, JsonObject old, JsonObject updated, string parent, string field)
    {
        var before = old[parent]?[field];
        var after = updated[parent]?[field];
        if (before is not null && !JsonNode.DeepEquals(before, after))
        {
            causes.Add(new StatusCause("FieldValueInvalid", $"Invalid value: {after?.ToJsonString() ?? "null"}: field is immutable", $"{parent}.{field}"));
        }
    }
}
