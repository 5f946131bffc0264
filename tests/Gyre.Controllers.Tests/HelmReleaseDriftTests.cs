using Gyre.Controllers.Tests.Support;

namespace Gyre.Controllers.Tests;

/// <summary>spec.driftDetection: edits to a release's objects are corrected (enabled), only reported (warn) or left alone (disabled).</summary>
[Collection(ControllersCollection.Name)]
public sealed class HelmReleaseDriftTests(ControllersFixture rig)
{
    [Fact]
    public async Task With_drift_detection_enabled_a_scaled_deployment_and_a_deleted_configmap_are_restored_and_reported()
    {
        var (ns, repo) = await rig.HelmRepositoryAsync("hr-drift", ("podinfo", "1.0.0", HelmTestCharts.Podinfo("1.0.0")));
        await using var _ = repo;
        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "web", "1.0.0", "  driftDetection:\n    mode: enabled\n"));
        await rig.WaitForReleaseReadyAsync(ns, "web", "True");

        await rig.Kubectl.RunAsync(null, "scale", "deployment", "web", "-n", ns, "--replicas=5");
        await rig.Kubectl.RunAsync(null, "delete", "configmap", "web-config", "-n", ns);
        await rig.ReconcileReleaseAsync(ns, "web");

        Assert.Equal(1, (int)(await rig.GetAsync("apps/v1", "Deployment", ns, "web"))!.Json["spec"]!["replicas"]!);
        Assert.Equal("hello", (string?)(await rig.GetAsync("v1", "ConfigMap", ns, "web-config"))!.Json["data"]!["message"]);
        var detected = await rig.WaitForEventAsync(ns, "web", "DriftDetected");
        Assert.StartsWith($"Cluster state of release {ns}/web.v1 has drifted from the desired state:\n", detected, StringComparison.Ordinal);
        Assert.Contains($"ConfigMap/{ns}/web-config removed", detected, StringComparison.Ordinal);
        Assert.Contains($"Deployment/{ns}/web changed (spec.replicas)", detected, StringComparison.Ordinal);
        var corrected = await rig.WaitForEventAsync(ns, "web", "DriftCorrected");
        Assert.Contains($"ConfigMap/{ns}/web-config created", corrected, StringComparison.Ordinal);
        Assert.Contains($"Deployment/{ns}/web configured (spec.replicas)", corrected, StringComparison.Ordinal);
        var hr = await rig.HelmReleaseAsync(ns, "web");
        Assert.Equal(("False", "NoDriftDetected"), ((string?)HelmReleaseSteps.Condition(hr, "Drifted")!["status"], (string?)HelmReleaseSteps.Condition(hr, "Drifted")!["reason"]));
        Assert.Equal("True", (string?)HelmReleaseSteps.Condition(hr, "Ready")!["status"]);
        Assert.Null(await rig.GetAsync("v1", "Secret", ns, "sh.helm.release.v1.web.v2"));
    }

    [Fact]
    public async Task With_drift_detection_in_warn_mode_drift_is_reported_but_left_in_place()
    {
        var (ns, repo) = await rig.HelmRepositoryAsync("hr-warn", ("podinfo", "1.0.0", HelmTestCharts.Podinfo("1.0.0")));
        await using var _ = repo;
        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "web", "1.0.0", "  driftDetection:\n    mode: warn\n"));
        await rig.WaitForReleaseReadyAsync(ns, "web", "True");

        await rig.Kubectl.RunAsync(null, "scale", "deployment", "web", "-n", ns, "--replicas=5");
        await rig.ReconcileReleaseAsync(ns, "web");

        var hr = await rig.HelmReleaseAsync(ns, "web");
        var drifted = HelmReleaseSteps.Condition(hr, "Drifted")!;
        Assert.Equal(("True", "DriftDetected"), ((string?)drifted["status"], (string?)drifted["reason"]));
        Assert.Contains($"Deployment/{ns}/web changed (spec.replicas)", (string?)drifted["message"], StringComparison.Ordinal);
        Assert.Equal("True", (string?)HelmReleaseSteps.Condition(hr, "Ready")!["status"]);
        Assert.Equal(5, (int)(await rig.GetAsync("apps/v1", "Deployment", ns, "web"))!.Json["spec"]!["replicas"]!);
        Assert.Contains($"Deployment/{ns}/web changed (spec.replicas)", await rig.WaitForEventAsync(ns, "web", "DriftDetected"), StringComparison.Ordinal);
        Assert.DoesNotContain(await rig.EventsAsync(ns, "web"), e => e.Reason == "DriftCorrected");
    }

    [Fact]
    public async Task Ignore_rules_leave_their_fields_to_the_cluster_while_other_drift_is_corrected()
    {
        var (ns, repo) = await rig.HelmRepositoryAsync("hr-ignore", ("podinfo", "1.0.0", HelmTestCharts.Podinfo("1.0.0")));
        await using var _ = repo;
        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "web", "1.0.0", """
              driftDetection:
                mode: enabled
                ignore:
                - paths: ["/spec/replicas"]
                  target:
                    kind: Deployment
            """));
        await rig.WaitForReleaseReadyAsync(ns, "web", "True");

        await rig.Kubectl.RunAsync(null, "scale", "deployment", "web", "-n", ns, "--replicas=3");
        await rig.Kubectl.RunAsync(null, "patch", "configmap", "web-config", "-n", ns, "--type=merge", "-p", "{\"data\":{\"message\":\"edited\"}}");
        await rig.ReconcileReleaseAsync(ns, "web");

        Assert.Equal("hello", (string?)(await rig.GetAsync("v1", "ConfigMap", ns, "web-config"))!.Json["data"]!["message"]);
        Assert.Equal(3, (int)(await rig.GetAsync("apps/v1", "Deployment", ns, "web"))!.Json["spec"]!["replicas"]!);
        var detected = await rig.WaitForEventAsync(ns, "web", "DriftDetected");
        Assert.Contains($"ConfigMap/{ns}/web-config changed (data.message)", detected, StringComparison.Ordinal);
        Assert.DoesNotContain("Deployment", detected, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_drift_detection_an_edited_object_is_left_as_edited()
    {
        var (ns, repo) = await rig.HelmRepositoryAsync("hr-nodrift", ("podinfo", "1.0.0", HelmTestCharts.Podinfo("1.0.0")));
        await using var _ = repo;
        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "web", "1.0.0"));
        await rig.WaitForReleaseReadyAsync(ns, "web", "True");
        Assert.Contains("# Source: podinfo/templates/deployment.yaml\n", (await rig.StoredReleaseAsync(ns, "web", 1)).Manifest, StringComparison.Ordinal);

        await rig.Kubectl.RunAsync(null, "scale", "deployment", "web", "-n", ns, "--replicas=4");
        await rig.ReconcileReleaseAsync(ns, "web");

        Assert.Equal(4, (int)(await rig.GetAsync("apps/v1", "Deployment", ns, "web"))!.Json["spec"]!["replicas"]!);
        Assert.Null(HelmReleaseSteps.Condition(await rig.HelmReleaseAsync(ns, "web"), "Drifted"));
        Assert.DoesNotContain(await rig.EventsAsync(ns, "web"), e => e.Reason == "DriftDetected");
    }

    [Fact]
    public async Task Objects_annotated_driftDetection_disabled_are_not_checked()
    {
        var (ns, repo) = await rig.HelmRepositoryAsync("hr-optout", ("podinfo", "1.0.0", HelmTestCharts.Podinfo("1.0.0")));
        await using var _ = repo;
        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "web", "1.0.0", """
              driftDetection:
                mode: enabled
              postRenderers:
              - kustomize:
                  patches:
                  - target:
                      kind: Deployment
                    patch: |
                      - op: add
                        path: /metadata/annotations
                        value:
                          helm.toolkit.fluxcd.io/driftDetection: disabled
            """));
        await rig.WaitForReleaseReadyAsync(ns, "web", "True");
        Assert.Contains("# Source: podinfo/templates/deployment.yaml\n", (await rig.StoredReleaseAsync(ns, "web", 1)).Manifest, StringComparison.Ordinal);

        await rig.Kubectl.RunAsync(null, "scale", "deployment", "web", "-n", ns, "--replicas=4");
        await rig.Kubectl.RunAsync(null, "patch", "configmap", "web-config", "-n", ns, "--type=merge", "-p", "{\"data\":{\"message\":\"edited\"}}");
        await rig.ReconcileReleaseAsync(ns, "web");

        var detected = await rig.WaitForEventAsync(ns, "web", "DriftDetected");
        Assert.Contains($"ConfigMap/{ns}/web-config changed (data.message)", detected, StringComparison.Ordinal);
        Assert.DoesNotContain("Deployment", detected, StringComparison.Ordinal);
        Assert.Equal(4, (int)(await rig.GetAsync("apps/v1", "Deployment", ns, "web"))!.Json["spec"]!["replicas"]!);
        Assert.Equal("hello", (string?)(await rig.GetAsync("v1", "ConfigMap", ns, "web-config"))!.Json["data"]!["message"]);
    }
}
