using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Gyre.Kube.Discovery;
using Gyre.Kube.Dynamic;
using Gyre.Kube.Tests.Support;
using Gyre.LocalCluster;

namespace Gyre.Kube.Tests.Cluster;

/// <summary>
/// Paged lists on the local cluster are consistent as on an etcd-backed server: every page shows the objects as of
/// the first page's resourceVersion, and a continue token older than the compaction window gets 410 Expired with a
/// fresh token that continues from the latest state.
/// </summary>
[Collection(LocalClusterCollection.Name)]
public sealed class ConsistentPagingTests(LocalClusterFixture cluster)
{
    private static readonly ApiResource ConfigMaps = new("", "v1", "configmaps", "ConfigMap", true);

    private static JsonObject ConfigMap(string ns, string name, string value) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "ConfigMap",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
        ["data"] = new JsonObject { ["value"] = value },
    };

    private static bool TrustedBy(X509Certificate2 ca, X509Certificate? certificate)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return certificate is X509Certificate2 leaf && chain.Build(leaf);
    }

    [Fact]
    public async Task Later_pages_show_the_objects_as_of_the_first_page_even_when_they_change_between_pages()
    {
        var ns = await cluster.NamespaceAsync("pages");
        using var client = await cluster.ClientAsync();
        var configMaps = client.Resource(ConfigMaps);
        foreach (var name in new[] { "cm-0", "cm-1", "cm-2", "cm-3", "cm-4" })
        {
            await configMaps.CreateAsync(ConfigMap(ns, name, "old"), null, TestTimeout.Token);
        }

        var first = await configMaps.ListAsync(ns, new ListOptions { Limit = 2 }, TestTimeout.Token);
        await configMaps.DeleteAsync(ns, "cm-2", null, TestTimeout.Token);
        await configMaps.PatchAsync(ns, "cm-3", PatchType.Merge, """{"data":{"value":"new"}}""", null, TestTimeout.Token);
        await configMaps.CreateAsync(ConfigMap(ns, "cm-9", "old"), null, TestTimeout.Token);
        var second = await configMaps.ListAsync(ns, new ListOptions { Limit = 2, Continue = first.Continue }, TestTimeout.Token);
        var third = await configMaps.ListAsync(ns, new ListOptions { Limit = 2, Continue = second.Continue }, TestTimeout.Token);
        var fresh = await configMaps.ListAsync(ns, null, TestTimeout.Token);

        Assert.Equal(["cm-0", "cm-1"], first.Items.Select(i => (string)i["metadata"]!["name"]!));
        Assert.Equal(["cm-2", "cm-3"], second.Items.Select(i => (string)i["metadata"]!["name"]!));
        Assert.Equal("old", (string?)second.Items[1]["data"]!["value"]);
        Assert.Equal(["cm-4"], third.Items.Select(i => (string)i["metadata"]!["name"]!));
        Assert.Null(third.Continue);
        Assert.Equal(first.ResourceVersion, second.ResourceVersion);
        Assert.Equal(first.ResourceVersion, third.ResourceVersion);
        Assert.Equal(["cm-0", "cm-1", "cm-3", "cm-4", "cm-9"], fresh.Items.Select(i => (string)i["metadata"]!["name"]!));
    }

    [Fact]
    public async Task A_continue_token_past_the_compaction_window_gets_410_with_a_token_that_continues_from_now()
    {
        using var dir = new TempDirectory();
        var clock = new ManualTimeProvider();
        clock.Advance(DateTimeOffset.UtcNow - clock.GetUtcNow());
        await using var server = await LocalClusterServer.StartAsync(new LocalClusterOptions { DataDirectory = dir.Path, EnableWorkloadSimulator = false, Time = clock }, TestTimeout.Token);
        var kubectl = new KubectlRunner(server.KubeconfigPath, Path.Combine(dir.Path, "home"));
        foreach (var name in new[] { "a", "b", "c" })
        {
            await kubectl.RunAsync(null, "create", "configmap", name, "-n", "default");
        }

        using var ca = X509Certificate2.CreateFromPem(server.CaCertificatePem);
        using var http = new HttpClient(new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => TrustedBy(ca, certificate) } }) { BaseAddress = server.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.AdminToken);
        var first = JsonNode.Parse(await http.GetStringAsync(new Uri("/api/v1/namespaces/default/configmaps?limit=1", UriKind.Relative), TestTimeout.Token))!;
        var token = (string)first["metadata"]!["continue"]!;
        clock.Advance(TimeSpan.FromMinutes(5));
        await kubectl.RunAsync(null, "delete", "configmap", "b", "-n", "default");

        using var expired = await http.GetAsync(new Uri($"/api/v1/namespaces/default/configmaps?limit=1&continue={Uri.EscapeDataString(token)}", UriKind.Relative), TestTimeout.Token);
        var status = JsonNode.Parse(await expired.Content.ReadAsStringAsync(TestTimeout.Token))!;
        var freshToken = (string)status["metadata"]!["continue"]!;
        var rest = JsonNode.Parse(await http.GetStringAsync(new Uri($"/api/v1/namespaces/default/configmaps?continue={Uri.EscapeDataString(freshToken)}", UriKind.Relative), TestTimeout.Token))!;

        Assert.Equal(410, (int)expired.StatusCode);
        Assert.Equal("Expired", (string?)status["reason"]);
        Assert.Contains("too old to display a consistent list result", (string?)status["message"], StringComparison.Ordinal);
        Assert.Equal(["c"], rest["items"]!.AsArray().Select(i => (string)i!["metadata"]!["name"]!));
    }
}
