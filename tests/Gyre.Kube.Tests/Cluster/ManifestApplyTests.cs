using Gyre.Kube.Dynamic;
using Gyre.Kube.Tests.Support;
using Gyre.Manifests;

namespace Gyre.Kube.Tests.Cluster;

[Collection(LocalClusterCollection.Name)]
public sealed class ManifestApplyTests(LocalClusterFixture cluster)
{
    [Fact]
    public async Task A_YAML_manifest_is_applied_by_kind_and_kubectl_sees_it()
    {
        var ns = await cluster.NamespaceAsync("manifest");
        using var client = await cluster.ClientAsync();
        var objects = KubeObject.ParseStream($"""
            apiVersion: v1
            kind: ConfigMap
            metadata: {"{"}name: settings, namespace: {ns}{"}"}
            data: {"{"}replicas: "3", enabled: "true"{"}"}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {"{"}name: web, namespace: {ns}{"}"}
            spec:
              replicas: 2
              selector: {"{"}matchLabels: {"{"}app: web{"}"}{"}"}
              template:
                metadata: {"{"}labels: {"{"}app: web{"}"}{"}"}
                spec: {"{"}containers: [{"{"}name: web, image: "nginx:1.27"{"}"}]{"}"}
            """);

        foreach (var obj in objects)
        {
            var applied = await client.ApplyAsync(obj, new WriteOptions { FieldManager = "gyre" }, TestTimeout.Token);
            Assert.False(string.IsNullOrEmpty(applied.Json["metadata"]?["uid"]?.ToString()));
        }

        var cm = await cluster.Kubectl.GetJsonAsync("get", "configmap", "settings", "-n", ns);
        var deployment = await cluster.Kubectl.GetJsonAsync("get", "deployment", "web", "-n", ns);
        Assert.Equal("3", (string?)cm["data"]!["replicas"]);
        Assert.Equal(2, (int?)deployment["spec"]!["replicas"]);
        Assert.Equal("apps/v1, Kind=Deployment", (await client.ForObjectAsync(objects[1], TestTimeout.Token)).Resource.GroupVersionKind.ToString());
    }
}
