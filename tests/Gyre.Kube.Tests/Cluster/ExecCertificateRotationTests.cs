using System.Text.Json.Nodes;
using Gyre.Kube.Config;
using Gyre.Kube.Discovery;
using Gyre.Kube.Tests.Support;
using Gyre.Kube.Watch;

namespace Gyre.Kube.Tests.Cluster;

/// <summary>
/// Client certificates from an exec plugin, against the local cluster's X.509 authentication: a rotated certificate
/// is presented on the very next request (new connection pool), while requests already running finish on the old one.
/// </summary>
[Collection(LocalClusterCollection.Name)]
public sealed class ExecCertificateRotationTests(LocalClusterFixture cluster) : IDisposable
{
    private static readonly ApiResource ConfigMaps = new("", "v1", "configmaps", "ConfigMap", true);
    private readonly TempDirectory _dir = new();

    private int Runs => int.Parse(File.ReadAllText(Path.Combine(_dir.Path, "runs")).Trim(), System.Globalization.CultureInfo.InvariantCulture);

    private void Serve((string CertificatePem, string KeyPem) identity)
    {
        _dir.Write("cert.pem", identity.CertificatePem);
        _dir.Write("key.pem", identity.KeyPem);
    }

    // Prints the certificate in cert-<run>.pem/key-<run>.pem if present, else cert.pem/key.pem, valid (for the client) until 00:10 on the test clock; counts its runs.
    private async Task<KubeClient> ClientAsync(TimeProvider clock)
    {
        var plugin = _dir.Write("plugin.sh", $$$"""
            #!/bin/sh
            n=$(cat "{{{_dir.Path}}}/runs" 2>/dev/null || echo 0); n=$((n+1)); echo $n > "{{{_dir.Path}}}/runs"
            c="{{{_dir.Path}}}/cert.pem"; k="{{{_dir.Path}}}/key.pem"
            if [ -f "{{{_dir.Path}}}/cert-$n.pem" ]; then c="{{{_dir.Path}}}/cert-$n.pem"; k="{{{_dir.Path}}}/key-$n.pem"; fi
            cert=$(awk 'BEGIN{ORS="\\n"} {print}' "$c")
            key=$(awk 'BEGIN{ORS="\\n"} {print}' "$k")
            printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"clientCertificateData":"%s","clientKeyData":"%s","expirationTimestamp":"2026-01-01T00:10:00Z"}}' "$cert" "$key"
            """);
        var ca = Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(cluster.Server.CaCertificatePem));
        var file = _dir.Write("config", $"""
            clusters:
            - name: local
              cluster: {"{"}server: "{cluster.Server.BaseUrl}", certificate-authority-data: {ca}{"}"}
            users:
            - name: u
              user:
                exec: {"{"}apiVersion: client.authentication.k8s.io/v1, command: sh, args: ["{plugin}"], interactiveMode: Never{"}"}
            contexts: [{"{"}name: x, context: {"{"}cluster: local, user: u{"}"}{"}"}]
            current-context: x
            """);
        return await KubeClient.FromKubeconfigAsync(new KubeconfigSources(null, file, null), new KubeContextOverrides(), Connections.NoRetries, clock, null, TestTimeout.Token);
    }

    private static async Task<string> WhoAmIAsync(KubeClient client) => (string)(await WhoAmI.UserInfoAsync(client))["username"]!;

    [Fact]
    public async Task A_rotated_certificate_is_presented_on_the_next_request_while_an_open_watch_keeps_its_connection()
    {
        var ns = await cluster.NamespaceAsync("rotate");
        var clock = new ManualTimeProvider();
        Serve(cluster.Server.CreateClientCertificate("alice", "system:masters"));
        using var client = await ClientAsync(clock);
        Assert.Equal("alice", await WhoAmIAsync(client));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestTimeout.Token);
        await using var watch = client.Resource(ConfigMaps).WatchAsync(ns, new WatchOptions { AllowBookmarks = false }, stop.Token).GetAsyncEnumerator(stop.Token);
        var firstEvent = watch.MoveNextAsync().AsTask();
        await cluster.Kubectl.RunAsync(null, "create", "configmap", "before", "-n", ns);
        Assert.True(await firstEvent);

        Serve(cluster.Server.CreateClientCertificate("bob", "system:masters"));
        clock.Advance(TimeSpan.FromMinutes(10));
        var afterRotation = await WhoAmIAsync(client);
        var secondEvent = watch.MoveNextAsync().AsTask();
        await cluster.Kubectl.RunAsync(null, "create", "configmap", "after", "-n", ns);

        Assert.Equal("bob", afterRotation);
        Assert.Equal(2, Runs);
        Assert.True(await secondEvent);
        Assert.Equal("after", (string?)watch.Current.Object["metadata"]!["name"]);
        Assert.Equal("bob", await WhoAmIAsync(client));
    }

    [Fact]
    public async Task A_certificate_the_server_rejects_is_replaced_by_running_the_plugin_again()
    {
        using var foreign = new TestPki();
        _dir.Write("cert-1.pem", foreign.ClientCertificatePem);
        _dir.Write("key-1.pem", foreign.ClientKeyPem);
        Serve(cluster.Server.CreateClientCertificate("carol", "system:masters"));
        using var client = await ClientAsync(new ManualTimeProvider());

        var user = await WhoAmIAsync(client);

        Assert.Equal("carol", user);
        Assert.Equal(2, Runs);
    }

    public void Dispose() => _dir.Dispose();
}
