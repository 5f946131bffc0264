using Gyre.Controllers.Tests.Support;
using Gyre.Sources.Oci;

namespace Gyre.Controllers.Tests;

/// <summary>OCIRepository against a real docker-registry, with artifacts pushed as `gyre push artifact` does.</summary>
[Collection(ControllersCollection.Name)]
public sealed class OciRepositoryTests(ControllersFixture rig, RegistryFixture registries) : IClassFixture<RegistryFixture>
{
    private static async Task<string> PushAsync(RegistryServer registry, string repository, string tag, string manifests, string? username = null, string? password = null)
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.Combine("deploy"));
        File.WriteAllText(dir.Combine("deploy/app.yaml"), manifests);
        var options = new OciClientOptions
        {
            Insecure = true,
            Credentials = username is null ? null : new RegistryCredentials(username, password!),
        };
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        return await OciArtifactPusher.PushAsync(OciReference.Parse($"oci://{registry.Host}/{repository}:{tag}", true), dir.Path,
            "https://github.com/example/fleet", $"main@sha1:{new string('a', 40)}", DateTimeOffset.UtcNow, options, timeout.Token);
    }

    private static string OciRepository(string ns, string name, string url, string reference, string extra = "") => $"""
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: OCIRepository
        metadata:
          name: {name}
          namespace: {ns}
        spec:
          interval: 10m
          url: {url}
          insecure: true
          ref:
            {reference}
        {extra}
        """;

    [Fact]
    public async Task A_pushed_artifact_is_applied_by_a_Kustomization_and_a_new_semver_tag_is_picked_up()
    {
        var ns = await rig.NamespaceAsync("oci");
        var repository = "fleet/" + ns;
        var first = await PushAsync(registries.Anonymous, repository, "1.0.0", TestManifests.ConfigMap("app", "version", "1"));
        await rig.ApplyAsync(OciRepository(ns, "fleet", $"oci://{registries.Anonymous.Host}/{repository}", "semver: \">=1.0.0\""));
        await rig.ApplyAsync($"""
            apiVersion: kustomize.toolkit.fluxcd.io/v1
            kind: Kustomization
            metadata:
              name: app
              namespace: {ns}
            spec:
              interval: 10m
              path: ./deploy
              prune: true
              targetNamespace: {ns}
              sourceRef:
                kind: OCIRepository
                name: fleet
            """);

        var source = await rig.WaitForSourceAsync("OCIRepository", ns, "fleet", "True", "Succeeded");
        var status = source.Json["status"]!;
        Assert.Equal($"1.0.0@{first}", (string?)status["artifact"]!["revision"]);
        Assert.Equal($"stored artifact for digest '1.0.0@{first}'", (string?)status["conditions"]![0]!["message"]);
        Assert.Equal($"ocirepository/{ns}/fleet/{first[7..]}.tar.gz", (string?)status["artifact"]!["path"]);
        Assert.EndsWith($"/ocirepository/{ns}/fleet/latest.tar.gz", (string?)status["url"], StringComparison.Ordinal);
        Assert.Equal("https://github.com/example/fleet", (string?)status["artifact"]!["metadata"]![OciAnnotations.Source]);
        Assert.StartsWith("sha256:", (string?)status["artifact"]!["digest"], StringComparison.Ordinal);
        await rig.WaitForConditionAsync(ns, "app", "True", "ReconciliationSucceeded");
        Assert.Equal("1", (string?)(await rig.GetAsync("v1", "ConfigMap", ns, "app"))!.Json["data"]!["version"]);
        // The revision the artifact was pushed from (org.opencontainers.image.revision), as Flux reports it.
        var applied = (await rig.KustomizationAsync(ns, "app"))!.Json["status"]!;
        Assert.Equal($"main@sha1:{new string('a', 40)}", (string?)applied["lastAppliedOriginRevision"]);
        Assert.Equal($"main@sha1:{new string('a', 40)}", (string?)applied["history"]![0]!["metadata"]!["originRevision"]);

        var second = await PushAsync(registries.Anonymous, repository, "1.1.0", TestManifests.ConfigMap("app", "version", "2"));
        await PushAsync(registries.Anonymous, repository, "2.0.0-rc.1", TestManifests.ConfigMap("app", "version", "pre"));
        await rig.RequestReconcileAsync("ocirepository", ns, "fleet");

        await rig.Until(async () => (string?)(await rig.GetAsync("v1", "ConfigMap", ns, "app"))!.Json["data"]!["version"] == "2", "version 2 applied");
        await rig.Until(async () => (string?)(await rig.KustomizationAsync(ns, "app"))!.Json["status"]!["lastAppliedRevision"] == $"1.1.0@{second}",
            "Kustomization at the new revision");
        var newArtifacts = (await rig.EventsAsync(ns, "fleet")).Where(e => e.Reason == "NewArtifact").Select(e => e.Message).ToList();
        Assert.Contains($"stored artifact with revision '1.1.0@{second}' from 'oci://{registries.Anonymous.Host}/{repository}'", newArtifacts);
    }

    [Fact]
    public async Task An_unchanged_tag_is_not_stored_again()
    {
        var ns = await rig.NamespaceAsync("oci-same");
        var digest = await PushAsync(registries.Anonymous, "same/" + ns, "latest", TestManifests.ConfigMap("app", "k", "v"));
        await rig.ApplyAsync(OciRepository(ns, "same", $"oci://{registries.Anonymous.Host}/same/{ns}", "tag: latest"));
        var first = await rig.WaitForSourceAsync("OCIRepository", ns, "same", "True", "Succeeded");
        Assert.Equal($"latest@{digest}", (string?)first.Json["status"]!["artifact"]!["revision"]);

        await rig.RequestReconcileAsync("ocirepository", ns, "same");
        await rig.Until(async () => (await rig.GetAsync("OCIRepository", ns, "same"))!.Json["status"]!["lastHandledReconcileAt"] is not null, "second reconcile");

        var again = (await rig.GetAsync("OCIRepository", ns, "same"))!;
        Assert.Equal(first.Json["status"]!["artifact"]!.ToJsonString(), again.Json["status"]!["artifact"]!.ToJsonString());
        Assert.Single(await rig.EventsAsync(ns, "same"), e => e.Reason == "NewArtifact");
    }

    [Fact]
    public async Task A_wrong_registry_password_fails_with_a_clear_message_without_the_secret_and_recovers_when_fixed()
    {
        var ns = await rig.NamespaceAsync("oci-auth");
        var repository = "private/" + ns;
        await PushAsync(registries.Protected, repository, "v1", TestManifests.ConfigMap("app", "k", "v"), RegistryFixture.Username, RegistryFixture.Password);
        const string wrong = "not-the-Pa55word-x9";
        await rig.Kubectl.RunAsync(null, "create", "secret", "docker-registry", "creds", "-n", ns, $"--docker-server={registries.Protected.Host}",
            $"--docker-username={RegistryFixture.Username}", $"--docker-password={wrong}");
        await rig.ApplyAsync(OciRepository(ns, "private", $"oci://{registries.Protected.Host}/{repository}", "tag: v1", "  secretRef:\n    name: creds"));

        var failed = await rig.WaitForSourceAsync("OCIRepository", ns, "private", "False", "AuthenticationFailed");
        var message = (string?)(await rig.SourceConditionAsync("OCIRepository", ns, "private"))!["message"];
        Assert.Contains("check the credentials in the docker-registry Secret", message, StringComparison.Ordinal);
        Assert.StartsWith($"oci://{registries.Protected.Host}/{repository}: ", message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, failed.Json.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("True", (string?)(await rig.SourceConditionAsync("OCIRepository", ns, "private", "FetchFailed"))!["status"]);
        Assert.Null(failed.Json["status"]!["artifact"]);
        await rig.Until(async () => (await rig.EventsAsync(ns, "private")).Any(e => e.Reason == "AuthenticationFailed"), "failure event");
        Assert.DoesNotContain((await rig.EventsAsync(ns, "private")), e => e.Message.Contains(wrong, StringComparison.Ordinal));
        Assert.DoesNotContain(wrong, rig.Logs.Tail(2000), StringComparison.Ordinal);

        await rig.Kubectl.RunAsync(null, "delete", "secret", "creds", "-n", ns);
        await rig.Kubectl.RunAsync(null, "create", "secret", "docker-registry", "creds", "-n", ns, $"--docker-server={registries.Protected.Host}",
            $"--docker-username={RegistryFixture.Username}", $"--docker-password={RegistryFixture.Password}");
        await rig.RequestReconcileAsync("ocirepository", ns, "private");

        var ready = await rig.WaitForSourceAsync("OCIRepository", ns, "private", "True", "Succeeded");
        Assert.StartsWith("v1@sha256:", (string?)ready.Json["status"]!["artifact"]!["revision"], StringComparison.Ordinal);
        Assert.Null(await rig.SourceConditionAsync("OCIRepository", ns, "private", "FetchFailed"));
    }

    [Fact]
    public async Task A_failed_pull_keeps_serving_the_last_good_artifact()
    {
        var ns = await rig.NamespaceAsync("oci-keep");
        await PushAsync(registries.Anonymous, "keep/" + ns, "v1", TestManifests.ConfigMap("app", "k", "v"));
        await rig.ApplyAsync(OciRepository(ns, "keep", $"oci://{registries.Anonymous.Host}/keep/{ns}", "tag: v1"));
        var good = await rig.WaitForSourceAsync("OCIRepository", ns, "keep", "True", "Succeeded");

        await rig.Kubectl.RunAsync(null, "patch", "ocirepository", "keep", "-n", ns, "--type=merge", "-p", """{"spec":{"ref":{"tag":"v404"}}}""");
        var failed = await rig.WaitForSourceAsync("OCIRepository", ns, "keep", "False", "OCIArtifactPullFailed", "not found (404)");

        Assert.Equal(good.Json["status"]!["artifact"]!.ToJsonString(), failed.Json["status"]!["artifact"]!.ToJsonString());
        Assert.Equal("True", (string?)(await rig.SourceConditionAsync("OCIRepository", ns, "keep", "ArtifactInStorage"))!["status"]);
        Assert.Equal("ProgressingWithRetry", (string?)(await rig.SourceConditionAsync("OCIRepository", ns, "keep", "Reconciling"))!["reason"]);
        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri((string)failed.Json["status"]!["artifact"]!["url"]!));
        Assert.True(response.IsSuccessStatusCode);
    }

    [Fact]
    public async Task Credentials_come_from_the_image_pull_secrets_of_the_service_account()
    {
        var ns = await rig.NamespaceAsync("oci-sa");
        var repository = "sa/" + ns;
        await PushAsync(registries.Protected, repository, "v1", TestManifests.ConfigMap("app", "k", "v"), RegistryFixture.Username, RegistryFixture.Password);
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
        await rig.ApplyAsync(OciRepository(ns, "app", $"oci://{registries.Protected.Host}/{repository}", "tag: v1", "  serviceAccountName: puller"));

        var ready = await rig.WaitForSourceAsync("OCIRepository", ns, "app", "True", "Succeeded");

        Assert.StartsWith("v1@sha256:", (string?)ready.Json["status"]!["artifact"]!["revision"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signature_verification_is_refused_as_unsupported_instead_of_skipped()
    {
        var ns = await rig.NamespaceAsync("oci-verify");
        await rig.ApplyAsync(OciRepository(ns, "app", $"oci://{registries.Anonymous.Host}/verify/{ns}", "tag: v1",
            "  verify:\n    provider: cosign\n    secretRef:\n      name: keys"));

        var refused = await rig.WaitForSourceAsync("OCIRepository", ns, "app", "False", "VerificationError", "spec.verify with provider 'cosign' is not supported");

        Assert.Equal("False", (string?)(await rig.SourceConditionAsync("OCIRepository", ns, "app", "SourceVerified"))!["status"]);
        Assert.Equal("True", (string?)(await rig.SourceConditionAsync("OCIRepository", ns, "app", "Stalled"))!["status"]);
        Assert.Null(refused.Json["status"]!["artifact"]);
    }
}
