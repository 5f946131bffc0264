using System.Text.Json.Nodes;

namespace Gyre.LocalCluster.Tests;

/// <summary>
/// More of kubectl's typed `create` commands, which send protobuf bodies: what the server stores is what kubectl
/// means (its own `--dry-run=client -o json` rendering of the same command).
/// </summary>
public sealed class ProtobufTypedCommandTests : IClassFixture<ClusterFixture>
{
    private readonly ClusterFixture _cluster;

    public ProtobufTypedCommandTests(ClusterFixture cluster) => _cluster = cluster;

    [Theory]
    [InlineData("ingress", "create ingress web --class=nginx --default-backend=fallback:80 --rule=foo.com/bar=svc1:8080,tls=cert --rule=bar.com/*=svc2:http --annotation=a=b")]
    [InlineData("job", "create job once --image=busybox -- date")]
    [InlineData("poddisruptionbudget", "create poddisruptionbudget budget --selector=app=web --max-unavailable=50%")]
    [InlineData("cronjob", "create cronjob nightly --image=busybox --schedule=*/5_*_*_*_* --restart=OnFailure -- date")]
    public async Task A_typed_create_stores_what_kubectl_means(string resource, string command)
    {
        var ns = await _cluster.NamespaceAsync("typed");
        var args = command.Split(' ').Select(a => a.Replace('_', ' ')).ToArray();
        var expected = JsonNode.Parse((await _cluster.Kubectl.RunAsync(["-n", ns, .. args[..3], "--dry-run=client", "-o", "json", .. args[3..]])).Ok().Output)!;
        (await _cluster.Kubectl.RunAsync(["-n", ns, .. args])).Ok();
        var stored = await _cluster.GetJsonAsync("-n", ns, "get", resource, args[2]);
        Assert.True(JsonNode.DeepEquals(expected["spec"], stored["spec"]), $"kubectl meant {expected["spec"]!.ToJsonString()}\nstored {stored["spec"]!.ToJsonString()}");
        Assert.True(JsonNode.DeepEquals(expected["metadata"]!["annotations"], stored["metadata"]!["annotations"]));
    }

    [Fact]
    public async Task A_job_created_from_a_cronjob_copies_its_template()
    {
        var ns = await _cluster.NamespaceAsync("fromcj");
        (await _cluster.Kubectl.RunAsync("-n", ns, "create", "cronjob", "nightly", "--image=busybox", "--schedule=0 1 * * *", "--", "date")).Ok();
        (await _cluster.Kubectl.RunAsync("-n", ns, "create", "job", "manual", "--from=cronjob/nightly")).Ok();
        var job = await _cluster.GetJsonAsync("-n", ns, "get", "job", "manual");
        Assert.Equal("busybox", job["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>());
        Assert.Equal("manual", job["metadata"]!["annotations"]!["cronjob.kubernetes.io/instantiate"]!.GetValue<string>());
    }
}
