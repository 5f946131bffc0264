using Gyre.Controllers.Tests.Support;
using Gyre.Helm.Storage;

namespace Gyre.Controllers.Tests;

/// <summary>
/// Hook deletion policies as Helm's execHook applies them: hook-succeeded deletes only after every hook of the event
/// has succeeded (so a Job's ServiceAccount outlives the Job), hook-failed deletes only the failed hook, and
/// CustomResourceDefinition hooks are never deleted.
/// </summary>
[Collection(ControllersCollection.Name)]
public sealed class HelmReleaseHookTests(ControllersFixture rig)
{
    private static Dictionary<string, string> ChartWithHooks(string jobAnnotations)
    {
        var files = HelmTestCharts.Podinfo("1.0.0");
        files["templates/hooks/account.yaml"] = """
            apiVersion: v1
            kind: ServiceAccount
            metadata:
              name: {{ .Release.Name }}-migrate
              annotations:
                helm.sh/hook: pre-install
                helm.sh/hook-weight: "-5"
                helm.sh/hook-delete-policy: before-hook-creation,hook-succeeded
            """;
        files["templates/hooks/crd.yaml"] = """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata:
              name: widgets.{{ .Release.Namespace }}.example.com
              annotations:
                helm.sh/hook: pre-install
                helm.sh/hook-weight: "-3"
                helm.sh/hook-delete-policy: hook-succeeded
            spec:
              group: {{ .Release.Namespace }}.example.com
              names: {kind: Widget, plural: widgets, singular: widget, listKind: WidgetList}
              scope: Namespaced
              versions:
              - name: v1
                served: true
                storage: true
                schema:
                  openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
            """;
        files["templates/hooks/job.yaml"] = $$$"""
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: {{ .Release.Name }}-migrate
              annotations:
                helm.sh/hook: pre-install
                helm.sh/hook-delete-policy: hook-succeeded,hook-failed
            {{{jobAnnotations}}}
            spec:
              template:
                spec:
                  serviceAccountName: {{ .Release.Name }}-migrate
                  restartPolicy: Never
                  containers:
                  - name: migrate
                    image: busybox
            """;
        return files;
    }

    [Fact]
    public async Task A_failed_hook_keeps_the_hooks_that_succeeded_before_it_and_deletes_itself_under_hook_failed()
    {
        var (ns, repo) = await rig.HelmRepositoryAsync("hr-hooks-fail", ("podinfo", "1.0.0", ChartWithHooks("    gyre.io/simulate: fail")));
        await using var _ = repo;

        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "web", "1.0.0"));
        var ready = await rig.WaitForReleaseReadyAsync(ns, "web", "False", "InstallFailed");

        Assert.Contains("web-migrate", (string?)ready["message"], StringComparison.Ordinal);
        Assert.NotNull(await rig.GetAsync("v1", "ServiceAccount", ns, "web-migrate"));
        Assert.Null(await rig.GetAsync("batch/v1", "Job", ns, "web-migrate"));
        var hooks = (await rig.StoredReleaseAsync(ns, "web", 1)).Hooks.ToDictionary(h => h.Kind);
        Assert.Equal(HookExecution.Succeeded, hooks["ServiceAccount"].LastRun.Phase);
        Assert.Equal(HookExecution.Failed, hooks["Job"].LastRun.Phase);
    }

    [Fact]
    public async Task Hook_succeeded_deletes_every_hook_once_all_succeeded_but_never_a_CustomResourceDefinition()
    {
        var (ns, repo) = await rig.HelmRepositoryAsync("hr-hooks-ok", ("podinfo", "1.0.0", ChartWithHooks("")));
        await using var _ = repo;

        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "web", "1.0.0"));
        await rig.WaitForReleaseReadyAsync(ns, "web", "True");

        Assert.Null(await rig.GetAsync("v1", "ServiceAccount", ns, "web-migrate"));
        Assert.Null(await rig.GetAsync("batch/v1", "Job", ns, "web-migrate"));
        Assert.NotNull(await rig.GetAsync("apiextensions.k8s.io/v1", "CustomResourceDefinition", null, $"widgets.{ns}.example.com"));
        Assert.All((await rig.StoredReleaseAsync(ns, "web", 1)).Hooks, h => Assert.Equal(HookExecution.Succeeded, h.LastRun.Phase));
    }
}
