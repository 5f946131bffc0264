using System.Text.Json.Nodes;
using Gyre.Manifests;

namespace Gyre.Controllers.Tests.Support;

/// <summary>Reads and waits on source objects (OCIRepository, HelmRepository) and their events.</summary>
public static class SourceObjects
{
    public const string ApiVersion = "source.toolkit.fluxcd.io/v1";

    public static Task<KubeObject?> GetAsync(this ControllersFixture rig, string kind, string ns, string name) => rig.GetAsync(ApiVersion, kind, ns, name);

    public static async Task<JsonObject?> SourceConditionAsync(this ControllersFixture rig, string kind, string ns, string name, string type = "Ready") =>
        ((await rig.GetAsync(kind, ns, name))?.Json["status"]?["conditions"] as JsonArray)?.OfType<JsonObject>()
            .FirstOrDefault(c => (string?)c["type"] == type);

    /// <summary>Waits until the source's Ready condition has the status and reason (and, when given, a message containing the text).</summary>
    public static async Task<KubeObject> WaitForSourceAsync(
        this ControllersFixture rig, string kind, string ns, string name, string status, string reason, string? message = null, int seconds = 30)
    {
        KubeObject? found = null;
        await rig.Until(async () =>
        {
            found = await rig.GetAsync(kind, ns, name);
            var ready = (found?.Json["status"]?["conditions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => (string?)c["type"] == "Ready");
            return ready is not null && (string?)ready["status"] == status && (string?)ready["reason"] == reason
                && (message is null || ((string?)ready["message"])!.Contains(message, StringComparison.Ordinal));
        }, $"{kind} {ns}/{name} Ready={status} {reason} {message}", seconds);
        return found!;
    }

    /// <summary>The (reason, message) of every event about the named object.</summary>
    public static async Task<List<(string Reason, string Message)>> EventsAsync(this ControllersFixture rig, string ns, string name)
    {
        var events = await rig.Kubectl.GetJsonAsync("get", "events", "-n", ns, "--field-selector", $"involvedObject.name={name}");
        return events["items"]!.AsArray().Select(e => ((string?)e!["reason"] ?? "", (string?)e["message"] ?? "")).ToList();
    }
}
