using System.Text.Json.Nodes;
using Gyre.LocalCluster.Objects;
using Gyre.LocalCluster.Storage;

namespace Gyre.LocalCluster.Api;

/// <summary>
/// What apiextensions-apiserver does with a CustomResourceDefinition: checks its names, reports NamesAccepted and
/// Established (conditions and acceptedNames), and turns every served version into a resource the server routes.
/// </summary>
internal static class CustomResourceDefinitions
{
    public const string StorageKey = "customresourcedefinitions.apiextensions.k8s.io";
    public const string CleanupFinalizer = "customresourcecleanup.apiextensions.k8s.io";

    /// <summary>Validates a CRD and sets its status the way the establishing controller would.</summary>
    public static void Prepare(JsonObject crd, string now, StoreTransaction tx)
    {
        var meta = new ObjectMeta(crd);
        var spec = crd["spec"] as JsonObject;
        var group = spec?["group"]?.GetValue<string>() ?? string.Empty;
        var names = spec?["names"] as JsonObject;
        var plural = names?["plural"]?.GetValue<string>() ?? string.Empty;
        var causes = new List<StatusCause>();
        if (meta.Name != $"{plural}.{group}")
        {
            causes.Add(new StatusCause("FieldValueInvalid", $"Invalid value: \"{meta.Name}\": must be spec.names.plural+\".\"+spec.group", "metadata.name"));
        }

        if (names?["kind"] is null)
        {
            causes.Add(new StatusCause("FieldValueRequired", "Required value", "spec.names.kind"));
        }

        if (spec?["scope"]?.GetValue<string>() is not "Namespaced" and not "Cluster")
        {
            causes.Add(new StatusCause("FieldValueNotSupported", $"Unsupported value: \"{spec?["scope"]}\": supported values: \"Cluster\", \"Namespaced\"", "spec.scope"));
        }

        var versions = spec?["versions"] as JsonArray ?? [];
        if (versions.Count == 0)
        {
            causes.Add(new StatusCause("FieldValueInvalid", "Invalid value: null: must have exactly one version marked as storage version", "spec.versions"));
        }
        else if (versions.Count(v => v?["storage"]?.GetValue<bool>() == true) != 1)
        {
            causes.Add(new StatusCause("FieldValueInvalid", $"Invalid value: {JsonArrayOfNames(versions)}: must have exactly one version marked as storage version", "spec.versions"));
        }

        Schema.ValidationRuleCompiler.Check(versions, causes);

        if (causes.Count > 0)
        {
            throw ApiStatusException.Invalid("CustomResourceDefinition", "apiextensions.k8s.io", meta.Name, causes);
        }

        var namesConflict = tx.All(StorageKey).Any(other => other.Name != meta.Name
            && other.Object["spec"]?["group"]?.GetValue<string>() == group
            && (other.Object["spec"]?["names"]?["kind"]?.GetValue<string>() == names!["kind"]?.GetValue<string>()
                || other.Object["spec"]?["names"]?["plural"]?.GetValue<string>() == plural));
        var finalizers = meta.Finalizers.ToList();
        if (!finalizers.Contains(CleanupFinalizer) && !meta.IsDeleting)
        {
            finalizers.Add(CleanupFinalizer);
            meta.SetFinalizers(finalizers);
        }

        var previous = crd["status"]?["conditions"] as JsonArray;
        crd["status"] = new JsonObject
        {
            ["acceptedNames"] = namesConflict ? new JsonObject { ["kind"] = string.Empty, ["plural"] = string.Empty } : names!.DeepClone(),
            ["storedVersions"] = new JsonArray([.. versions.Where(v => v?["storage"]?.GetValue<bool>() == true).Select(v => v!["name"]!.DeepClone())]),
            ["conditions"] = new JsonArray(
                Condition("NamesAccepted", !namesConflict, namesConflict ? "NameConflict" : "NoConflicts", namesConflict ? "the kind or plural is already in use by another CRD of this group" : "no conflicts found", now, previous),
                Condition("Established", !namesConflict, namesConflict ? "NotAccepted" : "InitialNamesAccepted", namesConflict ? "not all names are accepted" : "the initial names have been accepted", now, previous)),
        };
    }

    /// <summary>The resources served by all established CRDs (one per served version).</summary>
    public static IEnumerable<ResourceInfo> Resources(IEnumerable<StoredObject> crds)
    {
        foreach (var crd in crds)
        {
            var established = (crd.Object["status"]?["conditions"] as JsonArray ?? []).Any(c => c?["type"]?.GetValue<string>() == "Established" && c["status"]?.GetValue<string>() == "True");
            if (!established)
            {
                continue;
            }

            var spec = crd.Object["spec"]!.AsObject();
            var names = spec["names"]!.AsObject();
            foreach (var version in (spec["versions"] as JsonArray ?? []).OfType<JsonObject>().Where(v => v["served"]?.GetValue<bool>() != false))
            {
                yield return ToResource(spec, names, version);
            }
        }
    }

    private static ResourceInfo ToResource(JsonObject spec, JsonObject names, JsonObject version)
    {
        static IReadOnlyList<string> Strings(JsonNode? node) => node is JsonArray a ? [.. a.Select(s => s!.GetValue<string>())] : [];
        var subresources = version["subresources"] as JsonObject;
        var scale = subresources?["scale"] as JsonObject;
        var columns = (version["additionalPrinterColumns"] as JsonArray ?? []).OfType<JsonObject>().Select(c => new PrinterColumn(
            c["name"]!.GetValue<string>(),
            c["type"]?.GetValue<string>() ?? "string",
            c["format"]?.GetValue<string>() ?? string.Empty,
            c["priority"]?.GetValue<int>() ?? 0,
            c["jsonPath"]!.GetValue<string>(),
            c["description"]?.GetValue<string>() ?? string.Empty)).ToList();
        return new ResourceInfo(
            spec["group"]!.GetValue<string>(),
            version["name"]!.GetValue<string>(),
            names["kind"]!.GetValue<string>(),
            names["plural"]!.GetValue<string>(),
            spec["scope"]?.GetValue<string>() == "Namespaced",
            Strings(names["shortNames"]),
            Strings(names["categories"]),
            subresources?["status"] is not null,
            scale is not null)
        {
            IsCustom = true,
            Storage = version["storage"]?.GetValue<bool>() == true,
            Schema = version["schema"]?["openAPIV3Schema"]?.DeepClone() as JsonObject,
            PrinterColumns = columns,
            SpecReplicasPath = scale?["specReplicasPath"]?.GetValue<string>() ?? ".spec.replicas",
            StatusReplicasPath = scale?["statusReplicasPath"]?.GetValue<string>() ?? ".status.replicas",
            LabelSelectorPath = scale?["labelSelectorPath"]?.GetValue<string>(),
        };
    }

    private static JsonObject Condition(string type, bool ok, string reason, string message, string now, JsonArray? previous)
    {
        var status = ok ? "True" : "False";
        var old = previous?.OfType<JsonObject>().FirstOrDefault(c => c["type"]?.GetValue<string>() == type && c["status"]?.GetValue<string>() == status);
        return new JsonObject
        {
            ["type"] = type,
            ["status"] = status,
            ["lastTransitionTime"] = old?["lastTransitionTime"]?.DeepClone() ?? now,
            ["reason"] = reason,
            ["message"] = message,
        };
    }

    private static string JsonArrayOfNames(JsonArray versions) =>
        "[]apiextensions.CustomResourceDefinitionVersion{" + string.Join(", ", versions.Select(v => v?["name"]?.GetValue<string>())) + "}";
}
