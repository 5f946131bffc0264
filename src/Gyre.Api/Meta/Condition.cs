using System.Text.Json.Nodes;

namespace Gyre.Api.Meta;

/// <summary>A metav1.Condition as Flux's objects carry them in status.conditions.</summary>
public sealed record Condition(string Type, string Status, string Reason, string Message, long ObservedGeneration, string LastTransitionTime)
{
    public bool IsTrue => Status == ConditionStatus.True;

    public static Condition? FromJson(JsonNode? node) => node is JsonObject o
        ? new Condition(
            Text(o, "type"),
            Text(o, "status"),
            Text(o, "reason"),
            Text(o, "message"),
            o["observedGeneration"] is JsonValue g && g.TryGetValue<long>(out var generation) ? generation : 0,
            Text(o, "lastTransitionTime"))
        : null;

    public JsonObject ToJson() => new()
    {
        ["type"] = Type,
        ["status"] = Status,
        ["observedGeneration"] = ObservedGeneration,
        ["lastTransitionTime"] = LastTransitionTime,
        ["reason"] = Reason,
        ["message"] = Message,
    };

    private static string Text(JsonObject o, string key) => o[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : string.Empty;
}
