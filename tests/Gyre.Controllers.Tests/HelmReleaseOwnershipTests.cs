using Gyre.Controllers.Tests.Support;

namespace Gyre.Controllers.Tests;

/// <summary>Helm's ownership metadata, and install/upgrade.disableTakeOwnership refusing objects the release does not own.</summary>
[Collection(ControllersCollection.Name)]
public sealed class HelmReleaseOwnershipTests(ControllersFixture rig)
{
    [Fact]
    public async Task An_existing_object_is_adopted_by_default_and_gets_helms_ownership_metadata()
    {
        var (ns, repo) = await rig.HelmRepositoryAsync("hr-adopt-own", ("podinfo", "1.0.0", HelmTestCharts.Podinfo("1.0.0")));
        await using var _ = repo;
        await rig.ApplyAsync($"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-config\n  namespace: {ns}\ndata:\n  message: mine\n");

        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "web", "1.0.0"));

        await rig.WaitForReleaseReadyAsync(ns, "web", "True");
        var config = (await rig.GetAsync("v1", "ConfigMap", ns, "web-config"))!;
        Assert.Equal("hello", (string?)config.Json["data"]!["message"]);
        Assert.Equal(("Helm", "web", ns), (config.GetLabel("app.kubernetes.io/managed-by"), config.GetAnnotation("meta.helm.sh/release-name"), config.GetAnnotation("meta.helm.sh/release-namespace")));
    }

    [Fact]
    public async Task Install_with_disableTakeOwnership_refuses_an_object_it_does_not_own_naming_it()
    {
        var (ns, repo) = await rig.HelmRepositoryAsync("hr-noadopt", ("podinfo", "1.0.0", HelmTestCharts.Podinfo("1.0.0")));
        await using var _ = repo;
        await rig.ApplyAsync($"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-config\n  namespace: {ns}\ndata:\n  message: mine\n");

        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "web", "1.0.0", "  install:\n    disableTakeOwnership: true\n"));

        var failed = await rig.WaitForReleaseReadyAsync(ns, "web", "False", "InstallFailed");
        Assert.Contains(
            $"Unable to continue with install: ConfigMap \"web-config\" in namespace \"{ns}\" exists and cannot be imported into the current release: invalid ownership metadata; "
            + "label validation error: missing key \"app.kubernetes.io/managed-by\": must be set to \"Helm\"; "
            + "annotation validation error: missing key \"meta.helm.sh/release-name\": must be set to \"web\"",
            (string?)failed["message"], StringComparison.Ordinal);
        Assert.Equal("mine", (string?)(await rig.GetAsync("v1", "ConfigMap", ns, "web-config"))!.Json["data"]!["message"]);
    }

    [Fact]
    public async Task Upgrade_with_disableTakeOwnership_accepts_what_the_release_owns_and_refuses_a_new_object_owned_by_another_release()
    {
        var extended = HelmTestCharts.Podinfo("1.1.0");
        extended["templates/extra.yaml"] = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-extra\ndata:\n  k: v\n";
        var (ns, repo) = await rig.HelmRepositoryAsync("hr-noadopt-up", ("podinfo", "1.0.0", HelmTestCharts.Podinfo("1.0.0")), ("podinfo", "1.1.0", extended));
        await using var _ = repo;
        const string disable = "  upgrade:\n    disableTakeOwnership: true\n";
        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "web", "1.0.0", disable));
        await rig.WaitForReleaseReadyAsync(ns, "web", "True");
        await rig.ApplyAsync($"""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: web-extra
              namespace: {ns}
              labels: {"{"}app.kubernetes.io/managed-by: Helm{"}"}
              annotations: {"{"}meta.helm.sh/release-name: other, meta.helm.sh/release-namespace: {ns}{"}"}
            data:
              k: theirs
            """);

        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "web", "1.1.0", disable));

        var failed = await rig.WaitForReleaseReadyAsync(ns, "web", "False", "UpgradeFailed");
        Assert.Contains(
            $"Unable to continue with update: ConfigMap \"web-extra\" in namespace \"{ns}\" exists and cannot be imported into the current release: invalid ownership metadata; "
            + "annotation validation error: key \"meta.helm.sh/release-name\" must equal \"web\": current value is \"other\"",
            (string?)failed["message"], StringComparison.Ordinal);
        Assert.DoesNotContain("web-config", (string?)failed["message"], StringComparison.Ordinal);
        Assert.Equal("theirs", (string?)(await rig.GetAsync("v1", "ConfigMap", ns, "web-extra"))!.Json["data"]!["k"]);
    }
}
