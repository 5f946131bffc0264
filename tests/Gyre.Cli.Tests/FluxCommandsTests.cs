using System.Text.Json.Nodes;
using Gyre.Cli.Tests.Support;

namespace Gyre.Cli.Tests;

/// <summary>get, reconcile, suspend, resume, export and delete against a running GitOps loop, as a user types them.</summary>
[Collection(GitOpsCollection.Name)]
public sealed class FluxCommandsTests(GitOpsFixture fixture)
{
    [Fact]
    public async Task Get_kustomizations_prints_flux_columns_with_the_applied_revision()
    {
        var (code, output, error) = await CliRunner.RunAsync("get", "kustomizations", "--kubeconfig", fixture.Kubeconfig);

        Assert.True(code == 0, error);
        var lines = output.TrimEnd().Split('\n');
        Assert.Matches("^NAME +REVISION +SUSPENDED +READY +MESSAGE$", lines[0]);
        Assert.Matches("^apps +main@sha1:[0-9a-f]{40} +False +True +Applied revision: main@sha1:", lines[1]);
        Assert.StartsWith("flux-system ", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_all_across_namespaces_prefixes_names_with_their_kind()
    {
        var (code, output, error) = await CliRunner.RunAsync("get", "all", "-A", "--kubeconfig", fixture.Kubeconfig);

        Assert.True(code == 0, error);
        Assert.Matches("(?m)^NAMESPACE +NAME +REVISION +SUSPENDED +READY +MESSAGE$", output);
        Assert.Matches("(?m)^flux-system +gitrepository/flux-system +main@sha1:", output);
        Assert.Matches("(?m)^flux-system +kustomization/apps +main@sha1:", output);
    }

    [Fact]
    public async Task A_status_selector_keeps_only_matching_objects()
    {
        var notReady = await CliRunner.RunAsync("get", "ks", "--status-selector", "ready=false", "--kubeconfig", fixture.Kubeconfig);
        var ready = await CliRunner.RunAsync("get", "ks", "--status-selector", "Ready=True", "--no-header", "--kubeconfig", fixture.Kubeconfig);

        Assert.Equal(0, notReady.Code);
        Assert.Equal(string.Empty, notReady.Output);
        Assert.Contains("no Kustomization objects found in flux-system namespace", notReady.Error, StringComparison.Ordinal);
        Assert.Equal(2, ready.Output.TrimEnd().Split('\n').Length);
    }

    [Fact]
    public async Task Get_one_source_as_json_and_yaml_prints_the_object()
    {
        var json = await CliRunner.RunAsync("get", "sources", "git", "flux-system", "-o", "json", "--kubeconfig", fixture.Kubeconfig);
        var yaml = await CliRunner.RunAsync("get", "sources", "git", "flux-system", "-o", "yaml", "--kubeconfig", fixture.Kubeconfig);

        Assert.True(json.Code == 0, json.Error);
        Assert.Equal("GitRepository", (string?)JsonNode.Parse(json.Output)!["kind"]);
        Assert.Contains("kind: GitRepository\n", yaml.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_object_is_exit_1_with_where_to_look()
    {
        var (code, _, error) = await CliRunner.RunAsync("reconcile", "kustomization", "nope", "--kubeconfig", fixture.Kubeconfig);

        Assert.Equal(1, code);
        Assert.Contains("Kustomization flux-system/nope: not found; list them with `gyre get kustomizations -A`", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reconcile_with_source_waits_for_both_and_prints_the_revisions()
    {
        var (code, _, error) = await CliRunner.RunAsync("reconcile", "ks", "apps", "--with-source", "--kubeconfig", fixture.Kubeconfig);

        Assert.True(code == 0, error);
        Assert.Contains("► annotating GitRepository flux-system in flux-system namespace", error, StringComparison.Ordinal);
        Assert.Matches("✔ fetched revision main@sha1:[0-9a-f]{40}", error);
        Assert.Contains("► annotating Kustomization apps in flux-system namespace", error, StringComparison.Ordinal);
        Assert.Matches("✔ applied revision main@sha1:[0-9a-f]{40}", error);
    }

    [Fact]
    public async Task Suspend_stops_reconcile_and_resume_brings_it_back_to_ready()
    {
        var suspend = await CliRunner.RunAsync("suspend", "kustomization", "apps", "--kubeconfig", fixture.Kubeconfig);
        var shown = await CliRunner.RunAsync("get", "kustomizations", "apps", "--no-header", "--kubeconfig", fixture.Kubeconfig);
        var refused = await CliRunner.RunAsync("reconcile", "kustomization", "apps", "--kubeconfig", fixture.Kubeconfig);
        var resume = await CliRunner.RunAsync("resume", "kustomization", "apps", "--kubeconfig", fixture.Kubeconfig);

        Assert.True(suspend.Code == 0, suspend.Error);
        Assert.Matches("^apps +main@sha1:[0-9a-f]+ +True ", shown.Output);
        Assert.Equal(1, refused.Code);
        Assert.Contains("reconciliation is suspended; resume it with `gyre resume kustomization apps -n flux-system`", refused.Error, StringComparison.Ordinal);
        Assert.True(resume.Code == 0, resume.Error);
        Assert.Contains("✔ Kustomization reconciliation completed", resume.Error, StringComparison.Ordinal);
        Assert.False((bool?)(await fixture.GetAsync("Kustomization", "apps"))!["spec"]!["suspend"] ?? false);
    }

    [Fact]
    public async Task Export_prints_spec_without_status_or_server_fields()
    {
        var (code, output, error) = await CliRunner.RunAsync("export", "kustomization", "apps", "--kubeconfig", fixture.Kubeconfig);

        Assert.True(code == 0, error);
        Assert.StartsWith("---\napiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n", output, StringComparison.Ordinal);
        Assert.Contains("  path: ./apps\n", output, StringComparison.Ordinal);
        Assert.DoesNotContain("status:", output, StringComparison.Ordinal);
        Assert.DoesNotContain("resourceVersion", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_asks_first_and_deletes_only_when_confirmed()
    {
        await fixture.ApplyAsync("apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: doomed\n  namespace: flux-system\nspec:\n  interval: 1h\n  url: http://127.0.0.1:1/none\n  suspend: true\n");

        var declined = await CliRunner.RunWithInputAsync("n\n", "delete", "source", "git", "doomed", "--kubeconfig", fixture.Kubeconfig);
        var stillThere = await fixture.GetAsync("GitRepository", "doomed");
        var confirmed = await CliRunner.RunWithInputAsync("y\n", "delete", "source", "git", "doomed", "--kubeconfig", fixture.Kubeconfig);

        Assert.Equal(1, declined.Code);
        Assert.NotNull(stillThere);
        Assert.True(confirmed.Code == 0, confirmed.Error);
        Assert.Contains("✔ GitRepository deleted", confirmed.Error, StringComparison.Ordinal);
        await GitOpsFixture.Until(async () => await fixture.GetAsync("GitRepository", "doomed") is null, "doomed to be gone");
    }

    [Fact]
    public async Task Watch_prints_a_row_when_an_object_changes()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var (run, output) = CliRunner.Start(stop.Token, "get", "sources", "git", "--watch", "--kubeconfig", fixture.Kubeconfig);
        await GitOpsFixture.Until(() => Task.FromResult(output().Contains("flux-system", StringComparison.Ordinal)), "the initial listing");

        await fixture.ApplyAsync("apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: watched\n  namespace: flux-system\nspec:\n  interval: 1h\n  url: http://127.0.0.1:1/none\n  suspend: true\n");
        await GitOpsFixture.Until(() => Task.FromResult(output().Contains("watched", StringComparison.Ordinal)), "the watched row");
        await stop.CancelAsync();

        Assert.Equal(0, await run);
        Assert.Matches("(?m)^watched +True ", output());
        await CliRunner.RunAsync("delete", "source", "git", "watched", "-s", "--kubeconfig", fixture.Kubeconfig);
    }
}
