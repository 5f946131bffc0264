using System.Text.Json.Nodes;
using Gyre.Controllers.Tests.Support;

namespace Gyre.Controllers.Tests;

/// <summary>
/// Flux's multi-tenancy flags on a controller started with them (<see cref="ControllerFlagsFixture"/>), and the
/// default controller refusing remote bases.
/// </summary>
[Collection(ControllersCollection.Name)]
public sealed class ControllerFlagsTests(ControllersFixture rig, ControllerFlagsFixture locked) : IClassFixture<ControllerFlagsFixture>
{
    [Fact]
    public async Task Cross_namespace_sources_are_refused_for_Kustomizations_and_HelmReleases_as_stalled_access_denied()
    {
        var sources = await locked.NamespaceAsync("sources");
        var tenant = await locked.NamespaceAsync("tenant");
        await locked.ApplyAsync(TestManifests.Kustomization(tenant, "app", "./app", $"  targetNamespace: {tenant}\n")
            .Replace("    name: fleet", $"    name: fleet\n    namespace: {sources}", StringComparison.Ordinal));
        await locked.ApplyAsync(HelmTestCharts.HelmRelease(tenant, "web", "1.0.0")
            .Replace("        name: charts", $"        name: charts\n        namespace: {sources}", StringComparison.Ordinal));

        var ready = await locked.WaitForConditionAsync(tenant, "app", "False", "AccessDenied");
        Assert.StartsWith($"can't access 'GitRepository/{sources}/fleet', cross-namespace references have been blocked", (string?)ready["message"], StringComparison.Ordinal);
        Assert.Equal("True", (string?)(await locked.ConditionAsync(tenant, "app", "Stalled"))!["status"]);

        JsonArray? conditions = null;
        await locked.Until(async () => (conditions = (await locked.GetAsync("helm.toolkit.fluxcd.io/v2", "HelmRelease", tenant, "web"))?.Json["status"]?["conditions"] as JsonArray)
            ?.Any(c => (string?)c!["type"] == "Stalled" && (string?)c["reason"] == "AccessDenied") == true, "the HelmRelease stalled with AccessDenied");
        var release = conditions!.Single(c => (string?)c!["type"] == "Ready")!;
        Assert.Equal(("False", "AccessDenied"), ((string?)release["status"], (string?)release["reason"]));
        Assert.StartsWith($"can't access 'HelmRepository/{sources}/charts'", (string?)release["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cross_namespace_ImageRepository_is_refused_for_ImagePolicies_as_stalled_access_denied()
    {
        var images = await locked.NamespaceAsync("images");
        var tenant = await locked.NamespaceAsync("tenant");
        await locked.ApplyAsync(ImageRepositories.ImageObjects.Policy(tenant, "app", "app", "alphabetical: {}")
            .Replace("    name: app\n", $"    name: app\n    namespace: {images}\n", StringComparison.Ordinal));

        var refused = await ImageRepositories.ImageObjects.WaitForImageAsync(locked, "ImagePolicy", tenant, "app", "False", "AccessDenied",
            $"cannot access 'ImageRepository/{images}/app', cross-namespace references have been blocked");
        Assert.Equal("True", (string?)(await ImageRepositories.ImageObjects.ImageConditionAsync(locked, "ImagePolicy", tenant, "app", "Stalled"))!["status"]);
        Assert.Null(refused.Json["status"]!["latestRef"]);
    }

    [Fact]
    public async Task The_default_service_account_is_impersonated_and_remote_bases_are_fetched_when_allowed()
    {
        var ns = await locked.NamespaceAsync("defaultsa");
        var url = $"https://bases.example.test/{ns}/shared.yaml";
        locked.Remote.Serve(url, TestManifests.ConfigMap("shared", "from", "remote"));
        using var repo = new FleetRepository(locked.Git, ns);
        repo.Write("app/kustomization.yaml", $"resources:\n- local.yaml\n- {url}\n")
            .Write("app/local.yaml", TestManifests.ConfigMap("local", "from", "git"))
            .Push();
        await locked.ApplyAsync(TestManifests.GitRepository(ns, "fleet", repo.Url));
        await locked.ApplyAsync(TestManifests.Kustomization(ns, "app", "./app", $"  targetNamespace: {ns}\n"));

        var forbidden = await locked.WaitForConditionAsync(ns, "app", "False", "ReconciliationFailed");
        Assert.Contains($"system:serviceaccount:{ns}:{ControllerFlagsFixture.DefaultServiceAccount}", (string?)forbidden["message"], StringComparison.Ordinal);
        Assert.Null(await locked.GetAsync("v1", "ConfigMap", ns, "local"));

        await locked.Kubectl.RunAsync(null, "create", "role", "apply", "-n", ns, "--verb=*", "--resource=configmaps");
        await locked.Kubectl.RunAsync(null, "create", "rolebinding", "apply", "-n", ns, "--role=apply", $"--serviceaccount={ns}:{ControllerFlagsFixture.DefaultServiceAccount}");
        await locked.RequestReconcileAsync("kustomization", ns, "app");
        await locked.WaitForConditionAsync(ns, "app", "True", "ReconciliationSucceeded");

        Assert.Equal("remote", (string?)(await locked.GetAsync("v1", "ConfigMap", ns, "shared"))!.Json["data"]!["from"]);
        Assert.Equal("git", (string?)(await locked.GetAsync("v1", "ConfigMap", ns, "local"))!.Json["data"]!["from"]);
    }

    [Fact]
    public async Task Fields_an_override_manager_added_are_removed_like_kubectls_and_other_managers_keep_theirs()
    {
        var ns = await locked.NamespaceAsync("override");
        await locked.Kubectl.RunAsync(null, "create", "role", "apply", "-n", ns, "--verb=*", "--resource=configmaps");
        await locked.Kubectl.RunAsync(null, "create", "rolebinding", "apply", "-n", ns, "--role=apply", $"--serviceaccount={ns}:{ControllerFlagsFixture.DefaultServiceAccount}");
        using var repo = new FleetRepository(locked.Git, ns);
        repo.Write("app/settings.yaml", TestManifests.ConfigMap("settings", "version", "1")).Push();
        await locked.ApplyAsync(TestManifests.GitRepository(ns, "fleet", repo.Url));
        await locked.ApplyAsync(TestManifests.Kustomization(ns, "app", "./app", $"  targetNamespace: {ns}\n"));
        await locked.WaitForConditionAsync(ns, "app", "True", "ReconciliationSucceeded");

        foreach (var (manager, key) in new[] { (ControllerFlagsFixture.OverrideManager, "overridden"), ("other-tool", "kept") })
        {
            await locked.Kubectl.RunAsync($"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: {ns}\ndata:\n  {key}: \"yes\"\n",
                "apply", "--server-side", $"--field-manager={manager}", "-f", "-");
        }

        await locked.RequestReconcileAsync("kustomization", ns, "app");
        await locked.Until(async () => (await locked.GetAsync("v1", "ConfigMap", ns, "settings"))!.Json["data"]!["overridden"] is null, "the override manager's key removed");

        var data = (await locked.GetAsync("v1", "ConfigMap", ns, "settings"))!.Json["data"]!;
        Assert.Equal("yes", (string?)data["kept"]);
        Assert.Equal("1", (string?)data["version"]);
    }

    [Fact]
    public async Task A_controller_without_a_remote_fetcher_refuses_remote_bases_naming_the_entry_and_the_flag()
    {
        var ns = await rig.NamespaceAsync("noremote");
        using var repo = new FleetRepository(rig.Git, ns);
        repo.Write("app/kustomization.yaml", "resources:\n- https://bases.example.test/shared.yaml\n").Push();
        await rig.ApplyAsync(TestManifests.GitRepository(ns, "fleet", repo.Url));
        await rig.ApplyAsync(TestManifests.Kustomization(ns, "app", "./app", $"  targetNamespace: {ns}\n"));

        var failed = await rig.WaitForConditionAsync(ns, "app", "False", "BuildFailed");

        Assert.Contains("https://bases.example.test/shared.yaml", (string?)failed["message"], StringComparison.Ordinal);
        Assert.Contains("remote bases are disabled on this controller (--no-remote-bases)", (string?)failed["message"], StringComparison.Ordinal);
    }
}
