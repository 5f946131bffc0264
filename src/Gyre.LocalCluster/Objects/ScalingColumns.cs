using System.Text.Json.Nodes;

namespace Gyre.LocalCluster.Objects;

/// <summary>
/// kube-apiserver's printer cells for autoscaling/v2 HorizontalPodAutoscalers and policy/v1 PodDisruptionBudgets:
/// the HPA's reference, its metric targets ("cpu: 40%/60%", "&lt;unknown&gt;" before a current value is reported,
/// "+ N more..." past two) and replica bounds; the PDB's bounds ("N/A" when unset) and allowed disruptions.
/// </summary>
internal static class ScalingColumns
{
    private const int Shown = 2;

    public static string Reference(JsonObject hpa) =>
        $"{TableColumns.Str(hpa, "spec.scaleTargetRef.kind")}/{TableColumns.Str(hpa, "spec.scaleTargetRef.name")}";

    public static string MinPods(JsonObject hpa) => hpa["spec"]?["minReplicas"] is JsonValue v ? v.ToJsonString() : "<unset>";

    public static string Targets(JsonObject hpa)
    {
        if (hpa["apiVersion"]?.GetValue<string>() == "autoscaling/v1")
        {
            hpa = HorizontalPodAutoscalerVersions.ToV2(hpa);
        }

        var specs = (hpa["spec"]?["metrics"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        if (specs.Count == 0)
        {
            return "<none>";
        }

        var current = (hpa["status"]?["currentMetrics"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var cells = specs.Take(Shown).Select((spec, i) => Target(spec, i < current.Count ? current[i] : null)).ToList();
        var text = string.Join(", ", cells);
        return specs.Count > Shown ? $"{text} + {specs.Count - Shown} more..." : text;
    }

    public static string Bound(JsonObject pdb, string field) => pdb["spec"]?[field] is JsonValue v ? (v.TryGetValue<string>(out var s) ? s : v.ToJsonString()) : "N/A";

    private static string Target(JsonObject spec, JsonObject? status)
    {
        var type = spec["type"]?.GetValue<string>() ?? string.Empty;
        var source = type.Length == 0 ? null : spec[char.ToLowerInvariant(type[0]) + type[1..]] as JsonObject;
        var target = source?["target"] as JsonObject;
        var reported = status?[char.ToLowerInvariant(type[0]) + type[1..]]?["current"] as JsonObject;
        if (type is "Resource" or "ContainerResource")
        {
            var name = source?["name"]?.GetValue<string>() ?? string.Empty;
            if (target?["averageUtilization"] is JsonValue utilization)
            {
                var now = reported?["averageUtilization"] is JsonValue u ? u.ToJsonString() + "%" : "<unknown>";
                return $"{name}: {now}/{utilization.ToJsonString()}%";
            }

            return $"{name}: {Quantity(reported?["averageValue"])}/{Quantity(target?["averageValue"])}";
        }

        if (target?["averageValue"] is { } average && type != "Pods")
        {
            return $"{Quantity(reported?["averageValue"])}/{Quantity(average)} (avg)";
        }

        var key = type == "Pods" ? "averageValue" : "value";
        return $"{Quantity(reported?[key])}/{Quantity(target?[key])}";
    }

    private static string Quantity(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v => v.ToJsonString(),
        _ => "<unknown>",
    };
}
