using System.Text.Json.Nodes;

namespace Gyre.LocalCluster.Tests;

public sealed class ObjectSemanticsTests : IClassFixture<ClusterFixture>
{
    private readonly ClusterFixture _cluster;

    public ObjectSemanticsTests(ClusterFixture cluster)
    {
        _cluster = cluster;
    }

    private Kubectl K => _cluster.Kubectl;

    [Fact]
    public async Task GenerateName_gets_a_random_suffix()
    {
        var ns = await _cluster.NamespaceAsync("gen");
        var output = (await K.RunWithInputAsync("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"generateName\":\"job-\"}}", "-n", ns, "create", "-f", "-", "-o", "name")).Ok().Output;
        Assert.Matches(@"^configmap/job-[bcdfghjklmnpqrstvwxz2456789]{5}$", output.Trim());
    }

    [Theory]
    [InlineData("configmap", "Bad_Name", "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters")]
    [InlineData("namespace", "has.dot", "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-'")]
    [InlineData("service", "1abc", "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character")]
    public async Task Invalid_names_are_rejected_with_422_naming_the_field(string kind, string name, string message)
    {
        var manifest = kind switch
        {
            "namespace" => $"{{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{{\"name\":\"{name}\"}}}}",
            "service" => $"{{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{{\"name\":\"{name}\"}},\"spec\":{{\"ports\":[{{\"port\":80}}]}}}}",
            _ => $"{{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{{\"name\":\"{name}\"}}}}",
        };
        var result = await K.RunWithInputAsync(manifest, "create", "-f", "-");
        result.Fails($"is invalid: metadata.name: Invalid value: \"{name}\": {message}");
    }

    [Fact]
    public async Task Invalid_label_values_are_rejected()
    {
        var result = await K.RunWithInputAsync("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"l\",\"labels\":{\"a\":\"bad value!\"}}}", "create", "-f", "-");
        result.Fails("metadata.labels: Invalid value: \"bad value!\": a valid label must be an empty string or consist of alphanumeric characters");
    }

    [Fact]
    public async Task Creating_in_a_missing_namespace_is_404()
    {
        (await K.RunAsync("-n", "does-not-exist", "create", "configmap", "x")).Fails("namespaces \"does-not-exist\" not found");
    }

    [Fact]
    public async Task Creating_twice_is_409_already_exists()
    {
        var ns = await _cluster.NamespaceAsync("dup");
        (await K.RunAsync("-n", ns, "create", "configmap", "x")).Ok();
        (await K.RunAsync("-n", ns, "create", "configmap", "x")).Fails("configmaps \"x\" already exists");
    }

    [Fact]
    public async Task Generation_is_bumped_only_by_spec_changes()
    {
        var ns = await _cluster.NamespaceAsync("gen");
        (await K.RunAsync("-n", ns, "create", "deployment", "web", "--image=nginx:1.25")).Ok();
        var first = await _cluster.GetJsonAsync("-n", ns, "get", "deploy", "web");
        Assert.Equal(1, first["metadata"]!["generation"]!.GetValue<long>());
        (await K.RunAsync("-n", ns, "label", "deploy", "web", "tier=front")).Ok();
        var labelled = await _cluster.GetJsonAsync("-n", ns, "get", "deploy", "web");
        Assert.Equal(1, labelled["metadata"]!["generation"]!.GetValue<long>());
        (await K.RunAsync("-n", ns, "set", "image", "deploy/web", "nginx=nginx:1.26")).Ok();
        var changed = await _cluster.GetJsonAsync("-n", ns, "get", "deploy", "web");
        Assert.Equal(2, changed["metadata"]!["generation"]!.GetValue<long>());
    }

    [Fact]
    public async Task Secret_string_data_is_folded_into_data()
    {
        var ns = await _cluster.NamespaceAsync("sec");
        (await K.RunWithInputAsync("{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"s\"},\"stringData\":{\"password\":\"hunter2\"}}", "-n", ns, "apply", "-f", "-")).Ok();
        var secret = await _cluster.GetJsonAsync("-n", ns, "get", "secret", "s");
        Assert.Equal("aHVudGVyMg==", secret["data"]!["password"]!.GetValue<string>());
        Assert.Null(secret["stringData"]);
        Assert.Equal("Opaque", secret["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Services_get_a_cluster_ip()
    {
        var ns = await _cluster.NamespaceAsync("svc");
        (await K.RunAsync("-n", ns, "create", "service", "clusterip", "web", "--tcp=80:8080")).Ok();
        var svc = await _cluster.GetJsonAsync("-n", ns, "get", "svc", "web");
        Assert.Matches(@"^10\.96\.\d+\.\d+$", svc["spec"]!["clusterIP"]!.GetValue<string>());
        var table = (await K.RunAsync("-n", ns, "get", "svc")).Ok().Output;
        Assert.Matches(@"web\s+ClusterIP\s+10\.96\.\d+\.\d+\s+<none>\s+80/TCP", table);
    }

    [Fact]
    public async Task Finalizers_keep_a_deleted_object_until_they_are_removed()
    {
        var ns = await _cluster.NamespaceAsync("fin");
        (await K.RunWithInputAsync("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"f\",\"finalizers\":[\"example.com/hold\"]}}", "-n", ns, "create", "-f", "-")).Ok();
        (await K.RunAsync("-n", ns, "delete", "cm", "f", "--wait=false")).Ok();
        var held = await _cluster.GetJsonAsync("-n", ns, "get", "cm", "f");
        Assert.NotNull(held["metadata"]!["deletionTimestamp"]);
        (await K.RunAsync("-n", ns, "patch", "cm", "f", "--type=merge", "-p", "{\"metadata\":{\"finalizers\":null}}")).Ok();
        (await K.RunAsync("-n", ns, "get", "cm", "f")).Fails("not found");
    }

    [Fact]
    public async Task Dry_run_server_validates_but_stores_nothing()
    {
        var ns = await _cluster.NamespaceAsync("dry");
        (await K.RunAsync("-n", ns, "create", "configmap", "d", "--from-literal=a=1", "--dry-run=server")).Ok();
        (await K.RunAsync("-n", ns, "get", "cm", "d")).Fails("not found");
        (await K.RunAsync("-n", ns, "create", "configmap", "d", "--from-literal=a=1")).Ok();
        (await K.RunAsync("-n", ns, "patch", "cm", "d", "--type=merge", "-p", "{\"data\":{\"a\":\"2\"}}", "--dry-run=server")).Ok();
        (await K.RunAsync("-n", ns, "delete", "cm", "d", "--dry-run=server")).Ok();
        (await K.RunWithInputAsync("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: d\ndata:\n  a: \"3\"\n", "-n", ns, "replace", "-f", "-", "--dry-run=server")).Ok();
        (await K.RunWithInputAsync("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: d\ndata:\n  a: \"4\"\n", "-n", ns, "apply", "--server-side", "--force-conflicts", "-f", "-", "--dry-run=server")).Ok();
        (await K.RunWithInputAsync("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: e\n", "-n", ns, "apply", "--server-side", "-f", "-", "--dry-run=server")).Ok();
        (await K.RunAsync("-n", ns, "get", "cm", "e")).Fails("not found");
        var still = await _cluster.GetJsonAsync("-n", ns, "get", "cm", "d");
        Assert.Equal("1", still["data"]!["a"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("background")]
    [InlineData("foreground")]
    [InlineData("orphan")]
    public async Task Deleting_an_owner_cascades_through_owner_references(string policy)
    {
        var ns = await _cluster.NamespaceAsync("gc-" + policy);
        (await K.RunAsync("-n", ns, "create", "configmap", "owner")).Ok();
        var owner = await _cluster.GetJsonAsync("-n", ns, "get", "cm", "owner");
        var uid = owner["metadata"]!["uid"]!.GetValue<string>();
        var dependent = $"{{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{{\"name\":\"dep\",\"ownerReferences\":[{{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"name\":\"owner\",\"uid\":\"{uid}\"}}]}}}}";
        (await K.RunWithInputAsync(dependent, "-n", ns, "create", "-f", "-")).Ok();
        (await K.RunAsync("-n", ns, "delete", "cm", "owner", "--cascade=" + policy)).Ok();
        if (policy == "orphan")
        {
            await ClusterFixture.EventuallyAsync(async () => (await K.RunAsync("-n", ns, "get", "cm", "owner")).ExitCode != 0, "owner gone");
            var orphan = await _cluster.GetJsonAsync("-n", ns, "get", "cm", "dep");
            Assert.Null(orphan["metadata"]!["ownerReferences"]);
        }
        else
        {
            await ClusterFixture.EventuallyAsync(async () => (await K.RunAsync("-n", ns, "get", "cm", "dep")).ExitCode != 0, "dependent deleted");
            (await K.RunAsync("-n", ns, "get", "cm", "owner")).Fails("not found");
        }
    }

    [Fact]
    public async Task Deleting_a_namespace_removes_its_contents()
    {
        var ns = await _cluster.NamespaceAsync("nsdel");
        (await K.RunAsync("-n", ns, "create", "configmap", "a")).Ok();
        (await K.RunAsync("-n", ns, "create", "secret", "generic", "b", "--from-literal=x=y")).Ok();
        (await K.RunAsync("delete", "namespace", ns, "--timeout=20s")).Ok();
        (await K.RunAsync("get", "namespace", ns)).Fails("not found");
        var left = (await K.RunAsync("get", "cm", "-A", "--field-selector", "metadata.namespace=" + ns, "-o", "name")).Ok().Output;
        Assert.Equal(string.Empty, left.Trim());
    }

    [Fact]
    public async Task Managed_fields_are_kept_per_manager_and_operation()
    {
        var ns = await _cluster.NamespaceAsync("mf");
        (await K.RunAsync("-n", ns, "create", "configmap", "m", "--from-literal=a=1")).Ok();
        (await K.RunAsync("-n", ns, "patch", "cm", "m", "--type=merge", "-p", "{\"data\":{\"b\":\"2\"}}", "--field-manager=patcher")).Ok();
        var obj = await _cluster.GetJsonAsync("-n", ns, "get", "cm", "m", "--show-managed-fields");
        var entries = obj["metadata"]!["managedFields"]!.AsArray();
        var create = entries.First(e => e!["manager"]!.GetValue<string>() == "kubectl-create")!;
        var patch = entries.First(e => e!["manager"]!.GetValue<string>() == "patcher")!;
        Assert.Equal("Update", patch["operation"]!.GetValue<string>());
        Assert.NotNull(create["fieldsV1"]!["f:data"]!["f:a"]);
        Assert.NotNull(patch["fieldsV1"]!["f:data"]!["f:b"]);
        Assert.Null(patch["fieldsV1"]!["f:data"]!["f:a"]);
    }
}
