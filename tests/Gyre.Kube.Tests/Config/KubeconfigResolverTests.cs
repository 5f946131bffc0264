using Gyre.Kube.Config;
using Gyre.Kube.Tests.Support;

namespace Gyre.Kube.Tests.Config;

public sealed class KubeconfigResolverTests
{
    private static async Task<Kubeconfig> Merged()
    {
        var data = Path.Combine(AppContext.BaseDirectory, "testdata", "kubeconfig-merge");
        var list = string.Join(Path.PathSeparator, Path.Combine(data, "first.yaml"), Path.Combine(data, "second.yaml"));
        return await KubeconfigLoader.LoadAsync(new KubeconfigSources(null, list, null), TestTimeout.Token);
    }

    [Fact]
    public async Task Current_context_gives_server_user_and_the_default_namespace()
    {
        var connection = await KubeconfigResolver.ResolveAsync(await Merged(), new KubeContextOverrides(), TestTimeout.Token);

        Assert.Equal(new Uri("http://only-second.example:8080"), connection.Server);
        Assert.Equal("default", connection.Namespace);
        Assert.Equal("admin", connection.Username);
        Assert.Equal(new Uri("http://proxy.example:3128"), connection.ProxyUrl);
        Assert.Equal("second-ctx", connection.ContextName);
    }

    [Fact]
    public async Task Context_flag_selects_another_context_with_its_namespace()
    {
        var connection = await KubeconfigResolver.ResolveAsync(await Merged(), new KubeContextOverrides(Context: "shared"), TestTimeout.Token);

        Assert.Equal(new Uri("https://first.example:6443"), connection.Server);
        Assert.Equal("from-first", connection.Namespace);
        Assert.Equal("first-token", connection.Token);
        Assert.True(connection.InsecureSkipTlsVerify);
    }

    [Fact]
    public async Task Namespace_flag_overrides_the_context_namespace()
    {
        var overrides = new KubeContextOverrides(Context: "shared", Namespace: "team-a");

        var connection = await KubeconfigResolver.ResolveAsync(await Merged(), overrides, TestTimeout.Token);

        Assert.Equal("team-a", connection.Namespace);
    }

    [Fact]
    public async Task Unknown_context_lists_the_defined_ones()
    {
        var config = await Merged();

        var error = await Assert.ThrowsAsync<KubeConfigException>(() =>
            KubeconfigResolver.ResolveAsync(config, new KubeContextOverrides(Context: "prod"), TestTimeout.Token));

        Assert.Contains("context 'prod' not found; defined: second-ctx, shared", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_current_context_says_how_to_pick_one()
    {
        var config = new Kubeconfig { Files = ["/home/u/.kube/config"] };

        var error = await Assert.ThrowsAsync<KubeConfigException>(() => KubeconfigResolver.ResolveAsync(config, new KubeContextOverrides(), TestTimeout.Token));

        Assert.Equal("/home/u/.kube/config: current-context: no context is selected; pass --context or set current-context (kubectl config use-context NAME)", error.Message);
    }

    [Fact]
    public async Task Connection_ToString_never_prints_secrets()
    {
        var connection = await KubeconfigResolver.ResolveAsync(await Merged(), new KubeContextOverrides(Context: "shared"), TestTimeout.Token);
        var user = (await Merged()).Users["basic"];

        Assert.DoesNotContain("first-token", connection.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("secret", user.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_cluster_configuration_reads_the_mounted_service_account()
    {
        using var dir = new TempDirectory();
        dir.Write("token", "sa-token\n");
        dir.Write("ca.crt", "-----BEGIN CERTIFICATE-----\n");
        dir.Write("namespace", "flux-system");

        var connection = await InClusterConfig.LoadAsync("fd00::1", "443", dir.Path, TestTimeout.Token);

        Assert.Equal(new Uri("https://[fd00::1]:443"), connection.Server);
        Assert.Equal("flux-system", connection.Namespace);
        Assert.Equal(Path.Combine(dir.Path, "token"), connection.TokenFile);
        Assert.NotNull(connection.CertificateAuthorityPem);
    }

    [Fact]
    public async Task In_cluster_configuration_outside_a_pod_says_so()
    {
        var error = await Assert.ThrowsAsync<KubeConfigException>(() => InClusterConfig.LoadAsync(null, null, "/nonexistent", TestTimeout.Token));

        Assert.Contains("run inside a pod or pass --kubeconfig", error.Message, StringComparison.Ordinal);
    }
}
