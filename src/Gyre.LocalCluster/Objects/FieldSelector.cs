using System.Text.Json.Nodes;
using Gyre.LocalCluster.Api;

namespace Gyre.LocalCluster.Objects;

/// <summary>
/// A field selector (`metadata.name=x,status.phase!=Running`). Like kube-apiserver, only the fields each kind
/// registers are selectable (metadata.name and metadata.namespace for all, plus per-kind ones such as status.phase
/// for pods, involvedObject.* for events, type for secrets); anything else is a 400.
/// </summary>
internal sealed class FieldSelector
{
    private readonly List<(string Path, string Value, bool Equal)> _terms;

    private FieldSelector(List<(string Path, string Value, bool Equal)> terms)
    {
        _terms = terms;
    }

    public static FieldSelector Parse(string text, ResourceInfo resource)
    {
        var terms = new List<(string, string, bool)>();
        foreach (var raw in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var neq = raw.IndexOf("!=", StringComparison.Ordinal);
            var eq = raw.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 && neq <= 0)
            {
                throw ApiStatusException.BadRequest($"invalid selector: '{text}'; can't understand '{raw}'");
            }

            var (field, value, equal) = neq > 0
                ? (raw[..neq], raw[(neq + 2)..], false)
                : (raw[..eq].TrimEnd('='), raw[(eq + 1)..].TrimStart('='), true);
            if (!IsSelectable(resource, field))
            {
                throw ApiStatusException.BadRequest($"field label not supported: {field}");
            }

            terms.Add((field, value, equal));
        }

        return new FieldSelector(terms);
    }

    public bool Matches(JsonObject obj) => _terms.TrueForAll(t => (Read(obj, t.Path) == t.Value) == t.Equal);

    private static bool IsSelectable(ResourceInfo resource, string field)
    {
        if (field is "metadata.name" or "metadata.namespace")
        {
            return true;
        }

        return (resource.Group, resource.Kind) switch
        {
            ("", "Pod") => field is "spec.nodeName" or "spec.restartPolicy" or "spec.schedulerName" or "spec.serviceAccountName" or "spec.hostNetwork" or "status.phase" or "status.podIP" or "status.nominatedNodeName",
            ("", "Event") => field.StartsWith("involvedObject.", StringComparison.Ordinal) || field is "reason" or "reportingComponent" or "source" or "type",
            ("events.k8s.io", "Event") => field.StartsWith("regarding.", StringComparison.Ordinal) || field is "reason" or "reportingController" or "type",
            ("", "Secret") => field == "type",
            ("", "Namespace") => field == "status.phase",
            ("", "ReplicationController") or ("apps", "ReplicaSet") => field == "status.replicas",
            ("batch", "Job") => field == "status.successful",
            ("", "Node") => field == "spec.unschedulable",
            _ => false,
        };
    }

    private static string Read(JsonObject obj, string path)
    {
        JsonNode? node = obj;
        foreach (var part in path.Split('.'))
        {
            node = node is JsonObject o ? o[part] : null;
        }

        return node switch
        {
            null => string.Empty,
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            _ => node.ToJsonString(),
        };
    }
}
