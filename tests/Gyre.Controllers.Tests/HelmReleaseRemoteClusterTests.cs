using Gyre.Controllers.Tests.Support;
using Gyre.LocalCluster;
using Gyre.Sources.Tests.Infrastructure;

namespace Gyre.Controllers.Tests;

/// <summary>spec.kubeConfig: the release is made, stored and uninstalled on another cluster whose kubeconfig is in a Secret.</summary>
[Collection(ControllersCollection.Name)]
public sealed class HelmReleaseRemoteClusterTests(ControllersFixture rig)
{
    [Fact]
    public async Task A_kubeConfig_Secret_installs_and_stores_the_release_on_the_remote_cluster_and_deletion_uninstalls_it_there()
    {
        using var dir = new TempDirectory();
        await using var remote = await LocalClusterServer.StartAsync(new LocalClusterOptions { DataDirectory = dir.Combine("remote") }, CancellationToken.None);
        var remoteKubectl = new KubectlRunner(remote.KubeconfigPath, dir.Combine("home"));
        var (ns, repo) = await rig.HelmRepositoryAsync("hr-remote", ("podinfo", "1.0.0", HelmTestCharts.Podinfo("1.0.0")));
        await using var _ = repo;
        await rig.Kubectl.RunAsync(null, "create", "secret", "generic", "remote-kubeconfig", "-n", ns, $"--from-file=value={remote.KubeconfigPath}");
        var workload = ns + "-workload";

        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "web", "1.0.0", $"""
              kubeConfig:
                secretRef:
                  name: remote-kubeconfig
              releaseName: web
              targetNamespace: {workload}
              storageNamespace: {workload}
              install:
                createNamespace: true
            """));

        await rig.WaitForReleaseReadyAsync(ns, "web", "True");
        Assert.Equal("1", (await remoteKubectl.RunAsync(null, "get", "deployment", "web", "-n", workload, "-o", "jsonpath={.spec.replicas}")).Trim());
        Assert.Contains("helm", await remoteKubectl.RunAsync(null, "get", "secret", "sh.helm.release.v1.web.v1", "-n", workload, "-o", "jsonpath={.metadata.labels.owner}"), StringComparison.Ordinal);
        Assert.Null(await rig.GetAsync("v1", "Namespace", null, workload));

        await rig.Kubectl.RunAsync(null, "delete", "helmrelease", "web", "-n", ns, "--wait=false");

        await rig.Until(async () => await rig.HelmReleaseAsync(ns, "web") is null, "the HelmRelease's finalizer to be removed");
        var left = await remoteKubectl.RunAsync(null, "get", "deployments,secrets", "-n", workload, "--ignore-not-found", "-o", "name");
        Assert.DoesNotContain("deployment.apps/web", left, StringComparison.Ordinal);
        Assert.DoesNotContain("sh.helm.release.v1.web.v1", left, StringComparison.Ordinal);
    }
}
