using System.Text.Json.Nodes;
using Gyre.Helm.Storage;
using Gyre.Manifests;

namespace Gyre.Controllers.Tests.Support;

/// <summary>The HelmRelease tests' steps: a chart repository in a fresh namespace, waiting on conditions, reading releases.</summary>
public static class HelmReleaseSteps
{
    public const string HelmApi = "helm.toolkit.fluxcd.io/v2";

    /// <summary>A namespace with a HelmRepository "charts" serving the packaged charts from 127.0.0.1.</summary>
    public static async Task<(string Ns, StaticHttpServer Repo)> HelmRepositoryAsync(
        this ControllersFixture rig, string prefix, params (string Name, string Version, Dictionary<string, string> Files)[] charts)
    {
        var ns = await rig.NamespaceAsync(prefix);
        var repo = await HelmTestCharts.ServeAsync(charts.Select(c => (c.Name, c.Version, HelmTestCharts.Package(c.Name, c.Files))).ToArray());
        await rig.ApplyAsync(HelmTestCharts.HelmRepository(ns, "charts", repo.BaseUrl));
        return (ns, repo);
    }

    public static Task<KubeObject?> HelmReleaseAsync(this ControllersFixture rig, string ns, string name) => rig.GetAsync(HelmApi, "HelmRelease", ns, name);

    /// <summary>Waits until Ready has the status (and reason) for the HelmRelease's current generation.</summary>
    public static async Task<JsonObject> WaitForReleaseReadyAsync(this ControllersFixture rig, string ns, string name, string status, string? reason = null, int seconds = 60)
    {
        JsonObject? found = null;
        await rig.Until(async () =>
        {
            var hr = await rig.HelmReleaseAsync(ns, name);
            found = Condition(hr, "Ready");
            return found is not null && (string?)found["status"] == status && (reason is null || (string?)found["reason"] == reason)
                && (long?)hr!.Json["status"]?["observedGeneration"] == hr.Generation;
        }, $"HelmRelease {ns}/{name} Ready={status} {reason}", seconds);
        return found!;
    }

    /// <summary>Requests a reconcile and waits until the controller has handled it.</summary>
    public static async Task ReconcileReleaseAsync(this ControllersFixture rig, string ns, string name)
    {
        await rig.RequestReconcileAsync("helmrelease", ns, name);
        var token = (await rig.HelmReleaseAsync(ns, name))!.GetAnnotation("reconcile.fluxcd.io/requestedAt");
        await rig.Until(async () => (string?)(await rig.HelmReleaseAsync(ns, name))!.Json["status"]?["lastHandledReconcileAt"] == token, "the requested reconcile to be handled", 60);
    }

    /// <summary>Waits for an event with the reason about the named object and returns its message.</summary>
    public static async Task<string> WaitForEventAsync(this ControllersFixture rig, string ns, string name, string reason, int seconds = 30)
    {
        string? message = null;
        await rig.Until(async () => (message = (await rig.EventsAsync(ns, name)).Where(e => e.Reason == reason).Select(e => e.Message).FirstOrDefault()) is not null,
            $"a {reason} event for {ns}/{name}", seconds);
        return message!;
    }

    public static async Task<Release> StoredReleaseAsync(this ControllersFixture rig, string ns, string name, int version)
    {
        var secret = (await rig.GetAsync("v1", "Secret", ns, $"sh.helm.release.v1.{name}.v{version}"))
            ?? throw new InvalidOperationException($"release secret {name}.v{version} not found");
        return ReleaseSecret.FromSecret(secret.Json);
    }

    public static JsonObject? Condition(KubeObject? obj, string type) =>
        (obj?.Json["status"]?["conditions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => (string?)c["type"] == type);
}
