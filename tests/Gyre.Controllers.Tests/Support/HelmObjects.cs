using System.Text.Json.Nodes;
using Gyre.Manifests;

namespace Gyre.Controllers.Tests.Support;

/// <summary>Reads and waits on HelmReleases and HelmCharts.</summary>
public static class HelmObjects
{
    public const string HelmApi = "helm.toolkit.fluxcd.io/v2";

    public static JsonObject? Condition(KubeObject? obj, string type) =>
        (obj?.Json["status"]?["conditions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => (string?)c["type"] == type);

    /// <summary>Waits until Ready has the status (and reason, and a message containing the text); Ready=True only once the generation was observed.</summary>
    public static async Task<KubeObject> WaitForHelmReleaseAsync(
        this ControllersFixture rig, string ns, string name, string status, string? reason = null, string? message = null, int seconds = 60)
    {
        KubeObject? found = null;
        await rig.Until(async () =>
        {
            found = await rig.GetAsync(HelmApi, "HelmRelease", ns, name);
            var ready = Condition(found, "Ready");
            return ready is not null && (string?)ready["status"] == status && (reason is null || (string?)ready["reason"] == reason)
                && (message is null || ((string?)ready["message"])!.Contains(message, StringComparison.Ordinal))
                && (status != "True" || (long?)found!.Json["status"]?["observedGeneration"] == found.Generation);
        }, $"HelmRelease {ns}/{name} Ready={status} {reason} {message}", seconds);
        return found!;
    }
}
