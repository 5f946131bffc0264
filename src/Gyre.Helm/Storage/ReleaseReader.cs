using System.Text.Json.Nodes;

namespace Gyre.Helm.Storage;

/// <summary>Maps Helm's release JSON onto <see cref="Release"/>; missing fields take Go's zero values, as Helm reads them.</summary>
internal static class ReleaseReader
{
    public static Release Read(JsonObject root)
    {
        var info = root["info"] as JsonObject ?? [];
        return new Release
        {
            Name = Text(root["name"]),
            Namespace = Text(root["namespace"]),
            Version = root["version"] is JsonValue v ? (int)v.GetValue<double>() : 0,
            Info = new ReleaseInfo
            {
                FirstDeployed = GoTime.Parse(Text(info["first_deployed"])),
                LastDeployed = GoTime.Parse(Text(info["last_deployed"])),
                Deleted = GoTime.Parse(Text(info["deleted"])),
                Description = Text(info["description"]),
                Status = Text(info["status"]) is { Length: > 0 } s ? s : ReleaseStatus.Unknown,
                Notes = Text(info["notes"]),
            },
            Chart = Chart(root["chart"] as JsonObject ?? []),
            Config = root["config"]?.DeepClone() as JsonObject ?? [],
            Manifest = Text(root["manifest"]),
            Hooks = (root["hooks"] as JsonArray ?? []).OfType<JsonObject>().Select(Hook).ToList(),
            ApplyMethod = Text(root["apply_method"]) is { Length: > 0 } method ? method : null,
        };
    }

    private static ReleaseChart Chart(JsonObject chart) => new()
    {
        Metadata = chart["metadata"]?.DeepClone() as JsonObject ?? [],
        Lock = chart["lock"]?.DeepClone() as JsonObject,
        Templates = Files(chart["templates"]),
        Values = chart["values"]?.DeepClone() as JsonObject ?? [],
        Schema = chart["schema"] is JsonValue schema ? Convert.FromBase64String(schema.GetValue<string>()) : null,
        Files = Files(chart["files"]),
    };

    private static List<ReleaseFile> Files(JsonNode? node) =>
        (node as JsonArray ?? []).OfType<JsonObject>()
            .Select(f => new ReleaseFile(Text(f["name"]), f["data"] is JsonValue d ? Convert.FromBase64String(d.GetValue<string>()) : []))
            .ToList();

    private static ReleaseHook Hook(JsonObject hook)
    {
        var run = hook["last_run"] as JsonObject ?? [];
        return new ReleaseHook
        {
            Name = Text(hook["name"]),
            Kind = Text(hook["kind"]),
            Path = Text(hook["path"]),
            Manifest = Text(hook["manifest"]),
            Events = Strings(hook["events"]),
            LastRun = new HookExecution(GoTime.Parse(Text(run["started_at"])), GoTime.Parse(Text(run["completed_at"])), Text(run["phase"])),
            Weight = hook["weight"] is JsonValue w ? (int)w.GetValue<double>() : 0,
            DeletePolicies = Strings(hook["delete_policies"]),
        };
    }

    private static List<string> Strings(JsonNode? node) => (node as JsonArray ?? []).Select(Text).ToList();

    private static string Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : string.Empty;
}
