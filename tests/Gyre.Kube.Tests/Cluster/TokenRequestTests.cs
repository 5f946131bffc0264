using System.Text;
using System.Text.Json.Nodes;
using Gyre.Kube.Config;
using Gyre.Kube.Discovery;
using Gyre.Kube.Tests.Support;
using Gyre.LocalCluster;

namespace Gyre.Kube.Tests.Cluster;

/// <summary>
/// TokenRequest (`kubectl create token`) on the local cluster: the token authenticates as the service account, for
/// Gyre and kubectl alike, and stops working when it expires or the service account is deleted.
/// </summary>
[Collection(LocalClusterCollection.Name)]
public sealed class TokenRequestTests(LocalClusterFixture cluster)
{
    private static readonly ApiResource ConfigMaps = new("", "v1", "configmaps", "ConfigMap", true);

    private static KubeClient ClientFor(LocalClusterServer server, string token) =>
        new(new KubeConnection { Server = server.BaseUrl, CertificateAuthorityPem = server.CaCertificatePem, Token = token, Namespace = "default" }, Connections.NoRetries);

    private static Task<JsonObject> WhoAmIAsync(KubeClient client) => WhoAmI.UserInfoAsync(client);

    private static JsonObject Claims(string token)
    {
        var payload = token.Split('.')[1].Replace('-', '+').Replace('_', '/');
        return JsonNode.Parse(Convert.FromBase64String(payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=')))!.AsObject();
    }

    [Fact]
    public async Task A_token_from_kubectl_create_token_authenticates_as_the_service_account_with_its_permissions()
    {
        var ns = await cluster.NamespaceAsync("token");
        await cluster.Kubectl.RunAsync(null, "create", "serviceaccount", "deployer", "-n", ns);
        await cluster.Kubectl.RunAsync(null, "create", "rolebinding", "deployer", "-n", ns, "--clusterrole=view", $"--serviceaccount={ns}:deployer");
        await cluster.Kubectl.RunAsync(null, "create", "configmap", "settings", "-n", ns);

        var token = (await cluster.Kubectl.RunAsync(null, "create", "token", "deployer", "-n", ns, "--duration", "15m")).Trim();
        using var client = ClientFor(cluster.Server, token);
        var seenByGyre = await WhoAmIAsync(client);
        var seenByKubectl = (await cluster.Kubectl.GetJsonAsync("auth", "whoami", "--token", token))["status"]!["userInfo"]!;
        var listed = await client.Resource(ConfigMaps).ListAsync(ns, null, TestTimeout.Token);
        var denied = await Assert.ThrowsAsync<KubeApiException>(() => client.Resource(ConfigMaps).CreateAsync(
            new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["metadata"] = new JsonObject { ["name"] = "x", ["namespace"] = ns } }, null, TestTimeout.Token));

        Assert.Equal($"system:serviceaccount:{ns}:deployer", (string?)seenByGyre["username"]);
        Assert.Equal(["system:serviceaccounts", $"system:serviceaccounts:{ns}", "system:authenticated"], seenByGyre["groups"]!.AsArray().Select(g => (string)g!));
        Assert.Equal(seenByGyre.ToJsonString(), seenByKubectl.ToJsonString());
        Assert.Equal("settings", (string?)Assert.Single(listed.Items)["metadata"]!["name"]);
        Assert.True(denied.IsForbidden);
        var claims = Claims(token);
        Assert.Equal(15 * 60, (long)claims["exp"]! - (long)claims["iat"]!);
        Assert.Equal($"system:serviceaccount:{ns}:deployer", (string?)claims["sub"]);
    }

    [Fact]
    public async Task A_token_is_refused_once_its_service_account_is_deleted_even_if_one_with_the_same_name_is_created()
    {
        var ns = await cluster.NamespaceAsync("token-del");
        await cluster.Kubectl.RunAsync(null, "create", "serviceaccount", "short-lived", "-n", ns);
        var token = (await cluster.Kubectl.RunAsync(null, "create", "token", "short-lived", "-n", ns)).Trim();
        using var client = ClientFor(cluster.Server, token);
        Assert.Equal($"system:serviceaccount:{ns}:short-lived", (string?)(await WhoAmIAsync(client))["username"]);

        await cluster.Kubectl.RunAsync(null, "delete", "serviceaccount", "short-lived", "-n", ns);
        var afterDelete = await Assert.ThrowsAsync<KubeApiException>(() => WhoAmIAsync(client));
        await cluster.Kubectl.RunAsync(null, "create", "serviceaccount", "short-lived", "-n", ns);
        var afterRecreate = await Assert.ThrowsAsync<KubeApiException>(() => WhoAmIAsync(client));

        Assert.Equal(401, afterDelete.Status.Code);
        Assert.Equal(401, afterRecreate.Status.Code);
        Assert.Equal(3600, (long)Claims(token)["exp"]! - (long)Claims(token)["iat"]!);
    }

    [Fact]
    public async Task Discovery_lists_the_token_subresource_of_service_accounts()
    {
        var coreV1 = JsonNode.Parse(await cluster.Kubectl.RunAsync(null, "get", "--raw", "/api/v1"))!;

        var token = coreV1["resources"]!.AsArray().Single(r => (string?)r!["name"] == "serviceaccounts/token")!;

        Assert.Equal("TokenRequest", (string?)token["kind"]);
        Assert.Equal("authentication.k8s.io", (string?)token["group"]);
        Assert.Equal("""["create"]""", token["verbs"]!.ToJsonString());
    }

    [Fact]
    public async Task A_duration_under_ten_minutes_is_invalid()
    {
        var ns = await cluster.NamespaceAsync("token-short");
        await cluster.Kubectl.RunAsync(null, "create", "serviceaccount", "sa", "-n", ns);

        var output = await cluster.Kubectl.RunAsyncWithErrorAsync(["create", "token", "sa", "-n", ns, "--duration", "5m"]);

        Assert.Contains("spec.expirationSeconds: Invalid value: 300: may not specify a duration less than 10 minutes", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_stops_working_when_it_expires()
    {
        using var dir = new TempDirectory();
        var clock = new ManualTimeProvider();
        clock.Advance(DateTimeOffset.UtcNow - clock.GetUtcNow());
        await using var server = await LocalClusterServer.StartAsync(new LocalClusterOptions { DataDirectory = dir.Path, EnableWorkloadSimulator = false, Time = clock }, TestTimeout.Token);
        var kubectl = new KubectlRunner(server.KubeconfigPath, Path.Combine(dir.Path, "home"));
        await kubectl.RunAsync(null, "create", "serviceaccount", "sa", "-n", "default");
        var token = (await kubectl.RunAsync(null, "create", "token", "sa", "--duration", "10m")).Trim();
        using var client = ClientFor(server, token);

        var before = await WhoAmIAsync(client);
        clock.Advance(TimeSpan.FromMinutes(10));
        var after = await Assert.ThrowsAsync<KubeApiException>(() => WhoAmIAsync(client));

        Assert.Equal("system:serviceaccount:default:sa", (string?)before["username"]);
        Assert.Equal(401, after.Status.Code);
    }
}
