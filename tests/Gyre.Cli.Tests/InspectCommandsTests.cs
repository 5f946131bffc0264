using Gyre.Cli.Tests.Support;

namespace Gyre.Cli.Tests;

/// <summary>tree, trace, events and stats: reading what the controllers did, against a running GitOps loop.</summary>
[Collection(GitOpsCollection.Name)]
public sealed class InspectCommandsTests(GitOpsFixture fixture)
{
    [Fact]
    public async Task Tree_follows_the_nested_Kustomization_to_the_objects_it_applied()
    {
        var (code, output, error) = await CliRunner.RunAsync("tree", "kustomization", "flux-system", "--kubeconfig", fixture.Kubeconfig);

        Assert.True(code == 0, error);
        Assert.Equal(
            "Kustomization/flux-system/flux-system\n" +
            "└── Kustomization/flux-system/apps\n" +
            "    └── ConfigMap/default/demo\n",
            output);
    }

    [Fact]
    public async Task Trace_goes_from_an_object_to_its_Kustomizations_and_source()
    {
        var (code, output, error) = await CliRunner.RunAsync("trace", "configmap/demo", "-n", "default", "--kubeconfig", fixture.Kubeconfig);

        Assert.True(code == 0, error);
        Assert.StartsWith("Object:         ConfigMap/demo\nNamespace:      default\nStatus:         Managed by Flux\n---\nKustomization:  apps\nNamespace:      flux-system\nPath:           ./apps\n", output, StringComparison.Ordinal);
        Assert.Matches("(?m)^---\nGitRepository:  flux-system\nNamespace:      flux-system\nURL:            http://127\\.0\\.0\\.1:\\d+/repo\nBranch:         main\nRevision:       main@sha1:[0-9a-f]{40}\nStatus:         Last reconciled at ", output);
        Assert.Contains("---\nKustomization:  flux-system\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tree_follows_a_HelmRelease_to_its_release_objects_and_trace_goes_back_through_the_chart_to_its_source()
    {
        await fixture.ApplyAsync("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team\n");
        await fixture.ApplyAsync("""
            apiVersion: kustomize.toolkit.fluxcd.io/v1
            kind: Kustomization
            metadata:
              name: helm-apps
              namespace: team
            spec:
              interval: 10m
              path: ./team
              prune: true
              sourceRef:
                kind: GitRepository
                name: flux-system
                namespace: flux-system
            """);
        await fixture.WaitReadyAsync("HelmRelease", "demo", "team");

        var tree = await CliRunner.RunAsync("tree", "kustomization", "helm-apps", "-n", "team", "--kubeconfig", fixture.Kubeconfig);
        var trace = await CliRunner.RunAsync("trace", "configmap/demo-settings", "-n", "team", "--kubeconfig", fixture.Kubeconfig);

        Assert.True(tree.Code == 0, tree.Error);
        Assert.Equal(
            "Kustomization/team/helm-apps\n" +
            "└── HelmRelease/team/demo\n" +
            "    └── ConfigMap/team/demo-settings\n",
            tree.Output);
        Assert.True(trace.Code == 0, trace.Error);
        Assert.StartsWith("Object:         ConfigMap/demo-settings\nNamespace:      team\nStatus:         Managed by Flux\n---\nHelmRelease:    demo\nNamespace:      team\nChart:          ./charts/demo\n", trace.Output, StringComparison.Ordinal);
        Assert.Matches("(?m)^---\nHelmChart:      team-demo\nNamespace:      flux-system\nChart:          ./charts/demo\n", trace.Output);
        Assert.Matches("(?m)^---\nGitRepository:  flux-system\nNamespace:      flux-system\nURL:            http://127\\.0\\.0\\.1:\\d+/repo\n", trace.Output);
        Assert.Contains("---\nKustomization:  helm-apps\nNamespace:      team\nPath:           ./team\n", trace.Output, StringComparison.Ordinal);

        var forced = await CliRunner.RunAsync("reconcile", "helmrelease", "demo", "-n", "team", "--force", "--kubeconfig", fixture.Kubeconfig);

        Assert.True(forced.Code == 0, forced.Error);
        var release = await fixture.GetAsync("HelmRelease", "demo", "team");
        var forceAt = (string?)release!["metadata"]!["annotations"]!["reconcile.fluxcd.io/forceAt"];
        Assert.NotNull(forceAt);
        Assert.Equal(forceAt, (string?)release["status"]!["lastHandledForceAt"]);
    }

    [Fact]
    public async Task Trace_of_an_unmanaged_object_says_so_and_exits_1()
    {
        var (code, output, _) = await CliRunner.RunAsync("trace", "namespace/default", "--kubeconfig", fixture.Kubeconfig);

        Assert.Equal(1, code);
        Assert.Equal("Object:         Namespace/default\nStatus:         Not managed by Flux\n", output);
    }

    [Fact]
    public async Task Trace_of_an_unknown_kind_asks_for_the_api_version()
    {
        var (code, _, error) = await CliRunner.RunAsync("trace", "widget/w", "--kubeconfig", fixture.Kubeconfig);

        Assert.Equal(2, code);
        Assert.Contains("unknown kind 'widget'; add --api-version", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Events_for_one_Kustomization_list_only_its_events()
    {
        var (code, output, error) = await CliRunner.RunAsync("events", "--for", "Kustomization/apps", "--kubeconfig", fixture.Kubeconfig);

        Assert.True(code == 0, error);
        var lines = output.TrimEnd().Split('\n');
        Assert.Matches("^LAST SEEN +TYPE +REASON +OBJECT +MESSAGE$", lines[0]);
        Assert.All(lines.Skip(1), line => Assert.Contains(" Kustomization/apps ", line, StringComparison.Ordinal));
        Assert.True(lines.Length > 1, output);
    }

    [Fact]
    public async Task Stats_counts_objects_per_kind_and_source_storage()
    {
        var (code, output, error) = await CliRunner.RunAsync("stats", "--kubeconfig", fixture.Kubeconfig);

        Assert.True(code == 0, error);
        Assert.Matches("^RECONCILERS +RUNNING +FAILING +SUSPENDED +STORAGE\n", output);
        Assert.Matches("(?m)^GitRepository +[1-9]\\d* +\\d+ +\\d+ +\\d+(\\.\\d)? (B|KiB|MiB)$", output);
        Assert.Matches("(?m)^Kustomization +[1-9]\\d* +\\d+ +\\d+ +-$", output);
    }
}
