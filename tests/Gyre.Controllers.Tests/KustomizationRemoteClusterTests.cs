using Gyre.Controllers.Tests.Support;
using Gyre.LocalCluster;
using Gyre.Sources.Tests.Infrastructure;

namespace Gyre.Controllers.Tests;

/// <summary>spec.kubeConfig: applying to another cluster whose kubeconfig is in a Secret.</summary>
[Collection(ControllersCollection.Name)]
public sealed class KustomizationRemoteClusterTests(ControllersFixture rig)
{
    [Fact]
    public async Task A_kubeConfig_Secret_sends_the_objects_to_the_remote_cluster_and_deletion_prunes_them_there()
    {
        using var dir = new TempDirectory();
        await using var remote = await LocalClusterServer.StartAsync(new LocalClusterOptions { DataDirectory = dir.Combine("remote") }, CancellationToken.None);
        var remoteKubectl = new KubectlRunner(remote.KubeconfigPath, dir.Combine("home"));
        var ns = await rig.NamespaceAsync("remote");
        using var repo = new FleetRepository(rig.Git, ns);
        repo.Write("app/ns.yaml", $"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {ns}-workload\n")
            .Write("app/cm.yaml", TestManifests.ConfigMap("app", "where", "remote").Replace("name: app", $"name: app\n  namespace: {ns}-workload", StringComparison.Ordinal))
            .Push();
        await rig.ApplyAsync(TestManifests.GitRepository(ns, "fleet", repo.Url));
        await rig.Kubectl.RunAsync(null, "create", "secret", "generic", "remote-kubeconfig", "-n", ns, $"--from-file=value={remote.KubeconfigPath}");
        await rig.ApplyAsync(TestManifests.Kustomization(ns, "app", "./app", "  kubeConfig:\n    secretRef:\n      name: remote-kubeconfig\n"));

        await rig.WaitForConditionAsync(ns, "app", "True", "ReconciliationSucceeded");

        Assert.Contains("remote", await remoteKubectl.RunAsync(null, "get", "configmap", "app", "-n", $"{ns}-workload", "-o", "jsonpath={.data.where}"), StringComparison.Ordinal);
        Assert.Null(await rig.GetAsync("v1", "Namespace", null, $"{ns}-workload"));

        await rig.Kubectl.RunAsync(null, "delete", "kustomization", "app", "-n", ns, "--wait=false");
        await rig.Until(async () => await rig.KustomizationAsync(ns, "app") is null, "the Kustomization's finalizer to be removed");
        var left = await remoteKubectl.RunAsync(null, "get", "configmap", "-n", $"{ns}-workload", "--ignore-not-found", "-o", "name");
        Assert.DoesNotContain("configmap/app", left, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_a_Kustomization_whose_kubeConfig_Secret_is_gone_does_not_hang_on_the_finalizer()
    {
        var ns = await rig.NamespaceAsync("remotegone");
        using var repo = new FleetRepository(rig.Git, ns);
        repo.Write("app/cm.yaml", TestManifests.ConfigMap("app", "k", "v")).Push();
        await rig.ApplyAsync(TestManifests.GitRepository(ns, "fleet", repo.Url));
        await rig.Kubectl.RunAsync(null, "create", "secret", "generic", "remote-kubeconfig", "-n", ns, $"--from-file=value={rig.Cluster.KubeconfigPath}");
        await rig.ApplyAsync(TestManifests.Kustomization(ns, "app", "./app", $"  targetNamespace: {ns}\n  kubeConfig:\n    secretRef:\n      name: remote-kubeconfig\n"));
        await rig.WaitForConditionAsync(ns, "app", "True", "ReconciliationSucceeded");

        await rig.Kubectl.RunAsync(null, "delete", "secret", "remote-kubeconfig", "-n", ns);
        await rig.Kubectl.RunAsync(null, "delete", "kustomization", "app", "-n", ns, "--wait=false");
        await rig.Until(async () => await rig.KustomizationAsync(ns, "app") is null, "the Kustomization's finalizer to be removed");

        Assert.NotNull(await rig.GetAsync("v1", "ConfigMap", ns, "app"));
    }

    [Fact]
    public async Task A_kubeconfig_with_an_exec_plugin_is_refused_without_running_it()
    {
        var ns = await rig.NamespaceAsync("remoteexec");
        using var repo = new FleetRepository(rig.Git, ns);
        repo.Write("app/cm.yaml", TestManifests.ConfigMap("app", "k", "v")).Push();
        await rig.ApplyAsync(TestManifests.GitRepository(ns, "fleet", repo.Url));
        await rig.ApplyAsync($$"""
            apiVersion: v1
            kind: Secret
            metadata:
              name: remote-kubeconfig
              namespace: {{ns}}
            stringData:
              value: |
                apiVersion: v1
                kind: Config
                clusters:
                - name: c
                  cluster: {server: "https://127.0.0.1:1"}
                users:
                - name: u
                  user:
                    exec: {apiVersion: client.authentication.k8s.io/v1, command: /bin/touch, args: [/tmp/gyre-exec-ran]}
                contexts:
                - name: c
                  context: {cluster: c, user: u}
                current-context: c
            """);
        await rig.ApplyAsync(TestManifests.Kustomization(ns, "app", "./app", $"  targetNamespace: {ns}\n  kubeConfig:\n    secretRef:\n      name: remote-kubeconfig\n"));

        var ready = await rig.WaitForConditionAsync(ns, "app", "False", "ReconciliationFailed");

        Assert.Contains($"spec.kubeConfig: Secret '{ns}/remote-kubeconfig' key 'value': the kubeconfig refers to files or exec plugins", (string?)ready["message"], StringComparison.Ordinal);
        Assert.Null(await rig.GetAsync("v1", "ConfigMap", ns, "app"));
    }
}
