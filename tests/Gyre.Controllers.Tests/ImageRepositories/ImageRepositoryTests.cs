using System.Security.Cryptography;
using System.Text;
using Gyre.Controllers.Tests.Support;

namespace Gyre.Controllers.Tests.ImageRepositories;

/// <summary>ImageRepository scans against a real docker-registry.</summary>
[Collection(ControllersCollection.Name)]
public sealed class ImageRepositoryTests(ControllersFixture rig, RegistryFixture registries) : IClassFixture<RegistryFixture>
{
    private const string Kind = "ImageRepository";

    [Fact]
    public async Task A_scan_reports_Flux_status_without_signature_tags_and_a_requested_rescan_finds_new_tags()
    {
        var ns = await rig.NamespaceAsync("imgrepo");
        var repository = "app/" + ns;
        await ImageObjects.PushAsync(registries.Anonymous, repository, "1.0.0");
        await ImageObjects.PushAsync(registries.Anonymous, repository, "1.1.0");
        await ImageObjects.PushAsync(registries.Anonymous, repository, "sha256-0123.sig");
        await rig.ApplyAsync(ImageObjects.Repository(ns, "app", $"{registries.Anonymous.Host}/{repository}"));

        var ready = await rig.WaitForImageAsync(Kind, ns, "app", "True", "Succeeded", "successful scan: found 2 tags");

        var status = ready.Json["status"]!;
        Assert.Equal($"{registries.Anonymous.Host}/{repository}", (string?)status["canonicalImageName"]);
        Assert.Equal(2, (int?)status["lastScanResult"]!["tagCount"]);
        Assert.Equal("""["1.1.0","1.0.0"]""", status["lastScanResult"]!["latestTags"]!.ToJsonString());
        Assert.Equal("sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("1.0.0\n1.1.0\n"))), (string?)status["lastScanResult"]!["revision"]);
        Assert.NotNull((string?)status["lastScanResult"]!["scanTime"]);
        Assert.Equal("""["^.*\\.sig$"]""", status["observedExclusionList"]!.ToJsonString());
        Assert.Null(await rig.ImageConditionAsync(Kind, ns, "app", "Reconciling"));
        Assert.Contains(await rig.EventsAsync(ns, "app"), e => e == ("Succeeded", "successful scan: found 2 tags"));

        await ImageObjects.PushAsync(registries.Anonymous, repository, "2.0.0");
        await rig.RequestReconcileAsync("imagerepository", ns, "app");

        var rescanned = await rig.WaitForImageAsync(Kind, ns, "app", "True", "Succeeded", "successful scan: found 3 tags");
        Assert.Equal("""["2.0.0","1.1.0","1.0.0"]""", rescanned.Json["status"]!["lastScanResult"]!["latestTags"]!.ToJsonString());
        Assert.NotNull((string?)rescanned.Json["status"]!["lastHandledReconcileAt"]);
    }

    [Fact]
    public async Task Spec_faults_stall_naming_the_field()
    {
        var ns = await rig.NamespaceAsync("imgrepo-spec");
        var image = $"{registries.Anonymous.Host}/bad/{ns}";
        await rig.ApplyAsync(ImageObjects.Repository(ns, "regex", image, "  exclusionList:\n  - \"^ok$\"\n  - \"(unclosed\""));
        await rig.ApplyAsync(ImageObjects.Repository(ns, "tagged", image + ":v1"));
        await rig.ApplyAsync(ImageObjects.Repository(ns, "aws", image, "  provider: aws"));

        await rig.WaitForImageAsync(Kind, ns, "regex", "False", "ReadOperationFailed", "invalid regular expression in spec.exclusionList[1]: '(unclosed'");
        await rig.WaitForImageAsync(Kind, ns, "tagged", "False", "ImageURLInvalid", "spec.image must not contain a tag or digest; remove ':v1'");
        await rig.WaitForImageAsync(Kind, ns, "aws", "False", "InvalidSpec", "provider 'aws' is not supported here");
        foreach (var name in new[] { "regex", "tagged", "aws" })
        {
            Assert.Equal("True", (string?)(await rig.ImageConditionAsync(Kind, ns, name, "Stalled"))!["status"]);
        }
    }

    [Fact]
    public async Task A_wrong_password_fails_without_the_secret_and_service_account_pull_secrets_authenticate()
    {
        var ns = await rig.NamespaceAsync("imgrepo-auth");
        var repository = "private/" + ns;
        await ImageObjects.PushAsync(registries.Protected, repository, "v1", new(RegistryFixture.Username, RegistryFixture.Password));
        const string wrong = "not-the-Pa55word-img";
        await rig.Kubectl.RunAsync(null, "create", "secret", "docker-registry", "wrong", "-n", ns, $"--docker-server={registries.Protected.Host}",
            $"--docker-username={RegistryFixture.Username}", $"--docker-password={wrong}");
        await rig.Kubectl.RunAsync(null, "create", "secret", "docker-registry", "pull", "-n", ns, $"--docker-server={registries.Protected.Host}",
            $"--docker-username={RegistryFixture.Username}", $"--docker-password={RegistryFixture.Password}");
        await rig.ApplyAsync($"""
            apiVersion: v1
            kind: ServiceAccount
            metadata:
              name: puller
              namespace: {ns}
            imagePullSecrets:
            - name: pull
            """);
        var image = $"{registries.Protected.Host}/{repository}";
        await rig.ApplyAsync(ImageObjects.Repository(ns, "wrong", image, "  secretRef:\n    name: wrong"));
        await rig.ApplyAsync(ImageObjects.Repository(ns, "sa", image, "  serviceAccountName: puller"));

        var failed = await rig.WaitForImageAsync(Kind, ns, "wrong", "False", "AuthenticationFailed", "check the credentials in the docker-registry Secret");
        await rig.WaitForImageAsync(Kind, ns, "sa", "True", "Succeeded", "successful scan: found 1 tags");

        Assert.StartsWith($"{image}: scan failed: ", (string?)(await rig.ImageConditionAsync(Kind, ns, "wrong"))!["message"], StringComparison.Ordinal);
        Assert.Equal("ProgressingWithRetry", (string?)(await rig.ImageConditionAsync(Kind, ns, "wrong", "Reconciling"))!["reason"]);
        Assert.DoesNotContain(wrong, failed.Json.ToJsonString(), StringComparison.Ordinal);
        await rig.Until(async () => (await rig.EventsAsync(ns, "wrong")).Any(e => e.Reason == "AuthenticationFailed"), "failure event");
        Assert.DoesNotContain(await rig.EventsAsync(ns, "wrong"), e => e.Message.Contains(wrong, StringComparison.Ordinal));
        Assert.DoesNotContain(wrong, rig.Logs.Tail(2000), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_repository_and_plain_http_without_insecure_fail_clearly()
    {
        var ns = await rig.NamespaceAsync("imgrepo-missing");
        var missing = $"{registries.Anonymous.Host}/missing/{ns}";
        await ImageObjects.PushAsync(registries.Anonymous, "present/" + ns, "v1");
        await rig.ApplyAsync(ImageObjects.Repository(ns, "missing", missing));
        await rig.ApplyAsync(ImageObjects.Repository(ns, "https", $"{registries.Anonymous.Host}/present/{ns}").Replace("  insecure: true\n", "", StringComparison.Ordinal));

        await rig.WaitForImageAsync(Kind, ns, "missing", "False", "ReadOperationFailed", $"{missing}: scan failed: listing tags: not found (404)");
        var https = await rig.WaitForImageAsync(Kind, ns, "https", "False", "ReadOperationFailed");

        Assert.Null(https.Json["status"]!["lastScanResult"]);
    }

    [Fact]
    public async Task A_registry_with_a_private_CA_is_trusted_only_through_cert_secret_ref()
    {
        var ns = await rig.NamespaceAsync("imgrepo-tls");
        var tls = TestCertificates.Create();
        await using var registry = await RegistryServer.StartAsync(tls: tls);
        await ImageObjects.PushAsync(registry, "app/" + ns, "v1", caPem: tls.CaPem);
        await rig.ApplyAsync($"""
            apiVersion: v1
            kind: Secret
            metadata:
              name: ca
              namespace: {ns}
            stringData:
              ca.crt: |
            {string.Join('\n', tls.CaPem.TrimEnd().Split('\n').Select(l => "    " + l))}
            """);
        var image = $"{registry.Host}/app/{ns}";
        var secure = ImageObjects.Repository(ns, "trusted", image, "  certSecretRef:\n    name: ca").Replace("  insecure: true\n", "", StringComparison.Ordinal);
        await rig.ApplyAsync(secure);
        await rig.ApplyAsync(ImageObjects.Repository(ns, "untrusted", image).Replace("  insecure: true\n", "", StringComparison.Ordinal));

        await rig.WaitForImageAsync(Kind, ns, "trusted", "True", "Succeeded", "successful scan: found 1 tags");
        await rig.WaitForImageAsync(Kind, ns, "untrusted", "False", "ReadOperationFailed", $"{image}: scan failed: ");
    }

    [Fact]
    public async Task A_suspended_ImageRepository_is_not_scanned()
    {
        var ns = await rig.NamespaceAsync("imgrepo-suspend");
        await ImageObjects.PushAsync(registries.Anonymous, "app/" + ns, "v1");
        await rig.ApplyAsync(ImageObjects.Repository(ns, "app", $"{registries.Anonymous.Host}/app/{ns}", "  suspend: true"));
        await rig.ApplyAsync(ImageObjects.Repository(ns, "probe", $"{registries.Anonymous.Host}/app/{ns}"));

        await rig.WaitForImageAsync(Kind, ns, "probe", "True", "Succeeded");
        await rig.Until(async () => (await rig.ImageAsync(Kind, ns, "app"))!.Finalizers.Count > 0, "the suspended object seen");

        Assert.Null((await rig.ImageAsync(Kind, ns, "app"))!.Json["status"]?["lastScanResult"]);
    }

    [Fact]
    public async Task Registry_requests_go_through_the_proxy_from_proxy_secret_ref()
    {
        var ns = await rig.NamespaceAsync("imgrepo-proxy");
        await using var proxy = await ForwardProxy.StartAsync("proxy-user", "proxy-pa55");
        await ImageObjects.PushAsync(registries.Anonymous, "app/" + ns, "v1");
        await rig.Kubectl.RunAsync(null, "create", "secret", "generic", "proxy", "-n", ns, $"--from-literal=address={proxy.Address}",
            "--from-literal=username=proxy-user", "--from-literal=password=proxy-pa55");
        await rig.ApplyAsync(ImageObjects.Repository(ns, "app", $"{registries.Anonymous.Host}/app/{ns}", "  proxySecretRef:\n    name: proxy"));

        await rig.WaitForImageAsync(Kind, ns, "app", "True", "Succeeded", "successful scan: found 1 tags");

        Assert.True(proxy.Relayed > 0, "the scan did not go through the proxy");
    }

    [Fact]
    public async Task Deleting_an_ImageRepository_releases_its_finalizer_and_its_policies_wait_again()
    {
        var ns = await rig.NamespaceAsync("imgrepo-delete");
        await ImageObjects.PushAsync(registries.Anonymous, "app/" + ns, "v1");
        await rig.ApplyAsync(ImageObjects.Repository(ns, "app", $"{registries.Anonymous.Host}/app/{ns}"));
        await rig.ApplyAsync(ImageObjects.Policy(ns, "app", "app", "alphabetical: {}"));
        await rig.WaitForImageAsync("ImagePolicy", ns, "app", "True", "Succeeded", "resolved to v1");

        await rig.Kubectl.RunAsync(null, "delete", "imagerepository", "app", "-n", ns, "--wait=true");

        Assert.Null(await rig.ImageAsync(Kind, ns, "app"));
        await rig.WaitForImageAsync("ImagePolicy", ns, "app", "False", "DependencyNotReady", "does not exist");
    }
}
