using System.Security.Cryptography;
using System.Text;
using Gyre.Cli.Tests.Support;
using Gyre.Kube;
using Gyre.Sources.Tests.Infrastructure;

namespace Gyre.Cli.Tests;

/// <summary>`gyre create secret helm|oci|tls|proxy|receiver|githubapp`: the keys flux's controllers read, and refusals naming the flag.</summary>
[Collection(GitOpsCollection.Name)]
public sealed class CreateSecretCommandTests(GitOpsFixture fixture) : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly TestCertificates _tls = TestCertificates.Create();

    [Fact]
    public async Task Helm_stores_basic_auth_and_a_client_certificate_with_its_CA()
    {
        var (crt, key, ca) = WriteTls();

        var (code, output, error) = await CliRunner.RunAsync("create", "secret", "helm", "repo-auth", "-u", "bot", "-p", "s3cret",
            "--tls-crt-file", crt, "--tls-key-file", key, "--ca-crt-file", ca, "--export");

        Assert.True(code == 0, error);
        var data = ExportedSecret.StringData(output);
        Assert.Equal(["ca.crt", "password", "tls.crt", "tls.key", "username"], data.Keys);
        Assert.Equal(_tls.ClientCertificatePem, data["tls.crt"]);
        Assert.Equal(_tls.ClientKeyPem, data["tls.key"]);
        Assert.Equal(_tls.CaPem, data["ca.crt"]);
        Assert.Equal("bot", data["username"]);
    }

    [Fact]
    public async Task Oci_writes_a_dockerconfigjson_Secret_for_the_registry()
    {
        var (code, output, error) = await CliRunner.RunAsync("create", "secret", "oci", "ghcr-auth", "--url", "ghcr.io", "-u", "bot", "-p", "t0ken", "--export");

        Assert.True(code == 0, error);
        Assert.Equal("""
            ---
            apiVersion: v1
            kind: Secret
            metadata:
              name: ghcr-auth
              namespace: flux-system
            stringData:
              .dockerconfigjson: '{"auths":{"ghcr.io":{"username":"bot","password":"t0ken","auth":"Ym90OnQwa2Vu"}}}'
            type: kubernetes.io/dockerconfigjson

            """.ReplaceLineEndings("\n"), output);
    }

    [Fact]
    public async Task Tls_with_only_a_CA_and_proxy_with_credentials_export_their_keys()
    {
        var (_, _, ca) = WriteTls();

        var tls = await CliRunner.RunAsync("create", "secret", "tls", "certs", "--ca-crt-file", ca, "--export");
        var proxy = await CliRunner.RunAsync("create", "secret", "proxy", "corp", "--address", "http://proxy.example.com:8080", "-u", "me", "-p", "pw", "--export");

        Assert.True(tls.Code == 0, tls.Error);
        Assert.Equal(["ca.crt"], ExportedSecret.StringData(tls.Output).Keys);
        Assert.True(proxy.Code == 0, proxy.Error);
        Assert.Contains("stringData:\n  address: http://proxy.example.com:8080\n  password: pw\n  username: me\n", proxy.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receiver_secret_gives_the_webhook_path_the_receiver_controller_serves()
    {
        var created = await CliRunner.RunAsync("create", "secret", "receiver", "hooks", "--type", "github", "--token", "t0ken", "--hostname", "flux.example.com",
            "--kubeconfig", fixture.Kubeconfig);
        var receiver = await CliRunner.RunAsync("create", "receiver", "hooks", "--type", "github", "--event", "push", "--resource", "GitRepository/apps",
            "--secret-ref", "hooks", "--kubeconfig", fixture.Kubeconfig);

        Assert.True(created.Code == 0, created.Error);
        Assert.Contains("► receiver secret 'hooks' created in 'flux-system' namespace", created.Error, StringComparison.Ordinal);
        Assert.True(receiver.Code == 0, receiver.Error);
        var status = await (await fixture.Client.ForKindAsync("notification.toolkit.fluxcd.io/v1", "Receiver", CancellationToken.None)).GetAsync("flux-system", "hooks", CancellationToken.None);
        var path = (string)status!["status"]!["webhookPath"]!;
        Assert.Contains("✚ webhook URL: https://flux.example.com" + path + "\n", created.Error, StringComparison.Ordinal);
        var secret = await (await fixture.Client.ForKindAsync("v1", "Secret", CancellationToken.None)).GetAsync("flux-system", "hooks", CancellationToken.None);
        Assert.Equal("t0ken", Encoding.UTF8.GetString(Convert.FromBase64String((string)secret!["data"]!["token"]!)));
        Assert.Equal("https://flux.example.com" + path, (string?)secret["metadata"]!["annotations"]!["notification.toolkit.fluxcd.io/webhook"]);
        await CliRunner.RunAsync("delete", "receiver", "hooks", "-s", "--kubeconfig", fixture.Kubeconfig);
    }

    [Fact]
    public async Task Receiver_secret_generates_a_token_and_gcr_stores_its_claims()
    {
        var (code, output, error) = await CliRunner.RunAsync("create", "secret", "receiver", "gcr", "--type", "gcr", "--hostname", "flux.example.com",
            "--email-claim", "sa@p.iam.gserviceaccount.com", "--export");

        Assert.True(code == 0, error);
        var data = ExportedSecret.StringData(output);
        Assert.Matches("^[0-9a-f]{64}$", data["token"]);
        Assert.Equal("sa@p.iam.gserviceaccount.com", data["email"]);
        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(data["token"] + "gcr" + "flux-system")));
        Assert.Equal("https://flux.example.com/hook/" + digest, data["audience"]);
    }

    [Fact]
    public async Task Githubapp_stores_the_app_keys_as_flux_names_them()
    {
        var pem = _dir.Combine("app.pem");
        using (var rsa = RSA.Create(2048))
        {
            File.WriteAllText(pem, rsa.ExportRSAPrivateKeyPem());
        }

        var (code, output, error) = await CliRunner.RunAsync("create", "secret", "githubapp", "app", "--app-id", "1", "--app-installation-id", "2",
            "--app-private-key", pem, "--app-base-url", "https://github.example.com/api/v3", "--export");

        Assert.True(code == 0, error);
        var data = ExportedSecret.StringData(output);
        Assert.Equal(["githubAppBaseURL", "githubAppID", "githubAppInstallationID", "githubAppPrivateKey"], data.Keys);
        Assert.Equal(File.ReadAllText(pem), data["githubAppPrivateKey"]);
    }

    [Theory]
    [InlineData("helm", "--tls-key-file needs --tls-crt-file")]
    [InlineData("helm-mismatch", "not a PEM certificate and its private key")]
    [InlineData("helm-empty", "nothing to store")]
    [InlineData("tls-missing", "--ca-crt-file /nonexistent/ca.crt: cannot read it")]
    [InlineData("proxy", "--username and --password go together")]
    [InlineData("proxy-address", "--address 'proxy.example.com': not a proxy URL")]
    [InlineData("receiver-type", "--type 'svn': unsupported")]
    [InlineData("receiver-gcr", "--email-claim is required for the gcr type")]
    [InlineData("githubapp-key", "--app-private-key")]
    [InlineData("githubapp-installation", "pass one of --app-installation-id and --app-installation-owner")]
    public async Task Wrong_input_is_a_usage_error_naming_the_flag(string scenario, string message)
    {
        var (crt, key, _) = WriteTls();
        var other = _dir.Combine("other.key");
        File.WriteAllText(other, TestCertificates.Create().ClientKeyPem);
        string[] args = scenario switch
        {
            "helm" => ["helm", "x", "--tls-key-file", key],
            "helm-mismatch" => ["helm", "x", "--tls-crt-file", crt, "--tls-key-file", other],
            "helm-empty" => ["helm", "x"],
            "tls-missing" => ["tls", "x", "--ca-crt-file", "/nonexistent/ca.crt"],
            "proxy" => ["proxy", "x", "--address", "http://p:1", "-u", "me"],
            "proxy-address" => ["proxy", "x", "--address", "proxy.example.com"],
            "receiver-type" => ["receiver", "x", "--type", "svn", "--hostname", "h"],
            "receiver-gcr" => ["receiver", "x", "--type", "gcr", "--hostname", "h"],
            "githubapp-key" => ["githubapp", "x", "--app-id", "1", "--app-installation-id", "2", "--app-private-key", crt],
            _ => ["githubapp", "x", "--app-id", "1", "--app-private-key", key],
        };

        var (code, _, error) = await CliRunner.RunAsync(["create", "secret", .. args, "--export"]);

        Assert.Equal(2, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    private (string Crt, string Key, string Ca) WriteTls()
    {
        var (crt, key, ca) = (_dir.Combine("client.crt"), _dir.Combine("client.key"), _dir.Combine("ca.crt"));
        File.WriteAllText(crt, _tls.ClientCertificatePem);
        File.WriteAllText(key, _tls.ClientKeyPem);
        File.WriteAllText(ca, _tls.CaPem);
        return (crt, key, ca);
    }

    public void Dispose() => _dir.Dispose();
}
