using System.Text.Json.Nodes;
using Gyre.Controllers.Tests.Support;
using Gyre.Kube.Dynamic;
using Gyre.Manifests;

namespace Gyre.Controllers.Tests.ImageUpdateAutomations;

/// <summary>Test steps for ImageUpdateAutomation: ImagePolicies whose status the test writes, and waiting on the automation.</summary>
internal static class ImageAutomationObjects
{
    public const string ApiVersion = "image.toolkit.fluxcd.io/v1";

    /// <summary>A suspended ImagePolicy (no reflector touches it) whose status.latestRef the test sets through the status subresource.</summary>
    public static async Task PolicyAsync(this ControllersFixture rig, string ns, string name, string image, string tag, string? digest = null, string labels = "{}")
    {
        await rig.ApplyAsync($$"""
            apiVersion: {{ApiVersion}}
            kind: ImagePolicy
            metadata:
              name: {{name}}
              namespace: {{ns}}
              labels: {{labels}}
            spec:
              suspend: true
              imageRepositoryRef:
                name: {{name}}
              policy:
                semver:
                  range: ">=0.0.0"
            """);
        var resource = await rig.Client.ForKindAsync(ApiVersion, "ImagePolicy", CancellationToken.None);
        var current = await resource.GetAsync(ns, name, CancellationToken.None);
        var latest = new JsonObject { ["name"] = image, ["tag"] = tag };
        if (digest is not null)
        {
            latest["digest"] = digest;
        }

        current["status"] = new JsonObject { ["latestRef"] = latest };
        await resource.UpdateStatusAsync(current, new WriteOptions { FieldManager = "test" }, CancellationToken.None);
    }

    public static Task<KubeObject?> AutomationAsync(this ControllersFixture rig, string ns, string name) =>
        rig.GetAsync(ApiVersion, "ImageUpdateAutomation", ns, name);

    public static async Task<JsonObject> WaitForAutomationAsync(this ControllersFixture rig, string ns, string name, Func<JsonObject, bool> ready, string what, int seconds = 60)
    {
        JsonObject? found = null;
        await rig.Until(async () =>
        {
            var obj = await rig.AutomationAsync(ns, name);
            found = (obj?.Json["status"]?["conditions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => (string?)c["type"] == "Ready");
            return found is not null && ready(found);
        }, $"ImageUpdateAutomation {ns}/{name} {what}", seconds);
        return found!;
    }

    /// <summary>The repository's bare copy accepts pushes over the test server's HTTP.</summary>
    public static void AcceptPushes(this ControllersFixture rig, string repository) =>
        Shell.Run(rig.Git.PathOf(repository), "git", "config", "http.receivepack", "true");
}
