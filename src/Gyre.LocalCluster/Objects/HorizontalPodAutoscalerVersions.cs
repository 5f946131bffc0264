using System.Text.Json.Nodes;

namespace Gyre.LocalCluster.Objects;

/// <summary>
/// Conversion between autoscaling/v1 and autoscaling/v2 HorizontalPodAutoscalers, as kube-apiserver converts them:
/// v1's targetCPUUtilizationPercentage is v2's Resource cpu Utilization metric (and currentCPUUtilizationPercentage
/// its current value); what v1 cannot express (other metrics, behavior, conditions) travels in the
/// autoscaling.alpha.kubernetes.io annotations so a round trip through v1 loses nothing. The annotations carry the
/// v2 JSON of those fields (kube-apiserver writes its v1 MetricSpec shape there).
/// </summary>
internal static class HorizontalPodAutoscalerVersions
{
    private const string MetricsAnnotation = "autoscaling.alpha.kubernetes.io/metrics";
    private const string CurrentMetricsAnnotation = "autoscaling.alpha.kubernetes.io/current-metrics";
    private const string BehaviorAnnotation = "autoscaling.alpha.kubernetes.io/behavior";
    private const string ConditionsAnnotation = "autoscaling.alpha.kubernetes.io/conditions";

    public static bool Applies(string group, string kind) => group == "autoscaling" && kind == "HorizontalPodAutoscaler";

    public static JsonObject ToV1(JsonObject v2)
    {
        var v1 = v2.DeepClone().AsObject();
        v1["apiVersion"] = "autoscaling/v1";
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
        if (v1["spec"] is JsonObject spec)
        {
            var metrics = spec["metrics"] as JsonArray ?? [];
            var cpu = metrics.OfType<JsonObject>().FirstOrDefault(IsCpuUtilization);
            var rest = new JsonArray([.. metrics.Where(m => m != cpu).Select(m => m?.DeepClone())]);
            spec.Remove("metrics");
            if (cpu is not null)
            {
                spec["targetCPUUtilizationPercentage"] = cpu["resource"]!["target"]!["averageUtilization"]!.DeepClone();
            }

            Stash(annotations, MetricsAnnotation, rest.Count > 0 ? rest : null);
            Stash(annotations, BehaviorAnnotation, spec["behavior"]);
            spec.Remove("behavior");
        }

        if (v1["status"] is JsonObject status)
        {
            var current = status["currentMetrics"] as JsonArray ?? [];
            var cpu = current.OfType<JsonObject>().FirstOrDefault(m => m["type"]?.GetValue<string>() == "Resource" && m["resource"]?["name"]?.GetValue<string>() == "cpu" && m["resource"]?["current"]?["averageUtilization"] is not null);
            var rest = new JsonArray([.. current.Where(m => m != cpu).Select(m => m?.DeepClone())]);
            status.Remove("currentMetrics");
            if (cpu is not null)
            {
                status["currentCPUUtilizationPercentage"] = cpu["resource"]!["current"]!["averageUtilization"]!.DeepClone();
            }

            Stash(annotations, CurrentMetricsAnnotation, rest.Count > 0 ? rest : null);
            Stash(annotations, ConditionsAnnotation, status["conditions"] is JsonArray { Count: > 0 } conditions ? conditions : null);
            status.Remove("conditions");
        }

        if (annotations.Count > 0)
        {
            var meta = v1["metadata"] as JsonObject ?? [];
            v1["metadata"] = meta;
            var map = meta["annotations"] as JsonObject ?? [];
            meta["annotations"] = map;
            foreach (var (key, value) in annotations)
            {
                map[key] = value;
            }
        }

        return v1;
    }

    public static JsonObject ToV2(JsonObject v1)
    {
        var v2 = v1.DeepClone().AsObject();
        v2["apiVersion"] = "autoscaling/v2";
        var annotations = v2["metadata"]?["annotations"] as JsonObject;
        if (v2["spec"] is JsonObject spec)
        {
            var metrics = new JsonArray();
            if (spec["targetCPUUtilizationPercentage"] is JsonNode target)
            {
                metrics.Add(new JsonObject { ["type"] = "Resource", ["resource"] = new JsonObject { ["name"] = "cpu", ["target"] = new JsonObject { ["type"] = "Utilization", ["averageUtilization"] = target.DeepClone() } } });
                spec.Remove("targetCPUUtilizationPercentage");
            }

            foreach (var metric in Take(annotations, MetricsAnnotation) as JsonArray ?? [])
            {
                metrics.Add(metric?.DeepClone());
            }

            if (metrics.Count > 0)
            {
                spec["metrics"] = metrics;
            }

            if (Take(annotations, BehaviorAnnotation) is JsonObject behavior)
            {
                spec["behavior"] = behavior;
            }
        }

        if (v2["status"] is JsonObject status)
        {
            var current = new JsonArray();
            if (status["currentCPUUtilizationPercentage"] is JsonNode value)
            {
                current.Add(new JsonObject { ["type"] = "Resource", ["resource"] = new JsonObject { ["name"] = "cpu", ["current"] = new JsonObject { ["averageUtilization"] = value.DeepClone() } } });
                status.Remove("currentCPUUtilizationPercentage");
            }

            foreach (var metric in Take(annotations, CurrentMetricsAnnotation) as JsonArray ?? [])
            {
                current.Add(metric?.DeepClone());
            }

            if (current.Count > 0)
            {
                status["currentMetrics"] = current;
            }

            if (Take(annotations, ConditionsAnnotation) is JsonArray conditions)
            {
                status["conditions"] = conditions;
            }
        }

        foreach (var key in new[] { MetricsAnnotation, CurrentMetricsAnnotation, BehaviorAnnotation, ConditionsAnnotation })
        {
            annotations?.Remove(key);
        }

        if (annotations is { Count: 0 })
        {
            v2["metadata"]!.AsObject().Remove("annotations");
        }

        return v2;
    }

    private static bool IsCpuUtilization(JsonObject metric) =>
        metric["type"]?.GetValue<string>() == "Resource" && metric["resource"]?["name"]?.GetValue<string>() == "cpu"
        && metric["resource"]?["target"]?["type"]?.GetValue<string>() == "Utilization" && metric["resource"]?["target"]?["averageUtilization"] is not null;

    private static void Stash(Dictionary<string, string> annotations, string key, JsonNode? value)
    {
        if (value is not null)
        {
            annotations[key] = value.ToJsonString();
        }
    }

    private static JsonNode? Take(JsonObject? annotations, string key)
    {
        if (annotations?[key] is JsonValue v && v.TryGetValue<string>(out var text))
        {
            try
            {
                return JsonNode.Parse(text);
            }
            catch (System.Text.Json.JsonException)
            {
                return null;
            }
        }

        return null;
    }
}
