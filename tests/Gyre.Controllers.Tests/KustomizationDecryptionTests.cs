using System.Text;
using Gyre.Controllers.Tests.Support;

namespace Gyre.Controllers.Tests;

/// <summary>spec.decryption with Flux's own SOPS test files (written by the real sops) and their age keys (X25519 and post-quantum).</summary>
[Collection(ControllersCollection.Name)]
public sealed class KustomizationDecryptionTests(ControllersFixture rig)
{
    private static readonly string Vectors = Path.Combine(AppContext.BaseDirectory, "testdata", "sops");

    [Fact]
    public async Task Encrypted_objects_Secret_values_generator_files_and_patches_are_decrypted_before_apply()
    {
        var ns = await rig.NamespaceAsync("decrypt");
        var other = await rig.NamespaceAsync("decrypt-patch");
        using var repo = new FleetRepository(rig.Git, ns);
        repo.Write("app/age.yaml", Vector("algorithms/age.yaml"))
            .Write("app/inside.yaml", Vector("inside/secret.yaml"))
            .Write("app/file.txt", Vector("files/file.txt"))
            .Write("app/env.env", Vector("envs/env.env"))
            .Write("app/kustomization.yaml", """
                resources: [age.yaml, inside.yaml]
                generatorOptions: {disableNameSuffixHash: true}
                secretGenerator:
                - name: generated
                  files: [file.txt]
                  envs: [env.env]
                """)
            .Write("patched/secret.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: secret\nstringData:\n  other: plain\n")
            .Write("patched/merge1.yaml", Vector("patches/merge1.yaml"))
            .Write("patched/kustomization.yaml", "resources: [secret.yaml]\npatches:\n- path: merge1.yaml\n")
            .Push();
        await rig.ApplyAsync(TestManifests.GitRepository(ns, "fleet", repo.Url));
        await rig.Kubectl.RunAsync(null, "create", "secret", "generic", "sops-keys", "-n", ns, $"--from-file=age.agekey={Path.Combine(Vectors, "flux-age.txt")}");
        var decryption = "  decryption:\n    provider: sops\n    secretRef:\n      name: sops-keys\n";
        await rig.ApplyAsync(TestManifests.Kustomization(ns, "app", "./app", $"  targetNamespace: {ns}\n" + decryption));
        await rig.ApplyAsync(TestManifests.Kustomization(ns, "patched", "./patched", $"  targetNamespace: {other}\n" + decryption));

        await rig.WaitForConditionAsync(ns, "app", "True", "ReconciliationSucceeded");
        await rig.WaitForConditionAsync(ns, "patched", "True", "ReconciliationSucceeded");

        Assert.Equal("value", await SecretValueAsync(ns, "age", "key"));
        Assert.Equal("value", await SecretValueAsync(ns, "secret", "key"));
        Assert.Equal("value", await SecretValueAsync(ns, "generated", "file.txt"));
        Assert.Equal("value", await SecretValueAsync(ns, "generated", "key"));
        Assert.Equal("merge1", await SecretValueAsync(other, "secret", "key"));
        Assert.Equal("plain", await SecretValueAsync(other, "secret", "other"));
    }

    [Fact]
    public async Task An_encrypted_generator_file_is_refused_when_decryption_is_not_configured()
    {
        var ns = await rig.NamespaceAsync("decrypt-none");
        using var repo = new FleetRepository(rig.Git, ns);
        repo.Write("app/env.env", Vector("envs/env.env"))
            .Write("app/kustomization.yaml", "secretGenerator:\n- name: generated\n  envs: [env.env]\n")
            .Push();
        await rig.ApplyAsync(TestManifests.GitRepository(ns, "fleet", repo.Url));
        await rig.ApplyAsync(TestManifests.Kustomization(ns, "app", "./app", $"  targetNamespace: {ns}\n"));

        var ready = await rig.WaitForConditionAsync(ns, "app", "False", "DecryptionFailed");

        Assert.Contains("app/env.env is SOPS-encrypted and spec.decryption is not set", (string?)ready["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_key_fails_naming_the_file_and_applies_nothing()
    {
        var ns = await rig.NamespaceAsync("decrypt-wrong");
        using var repo = new FleetRepository(rig.Git, ns);
        repo.Write("app/cm.yaml", TestManifests.ConfigMap("first", "k", "v"))
            .Write("app/file.txt", Vector("files/file.txt"))
            .Write("app/kustomization.yaml", "resources: [cm.yaml]\nsecretGenerator:\n- name: generated\n  files: [file.txt]\n")
            .Push();
        await rig.ApplyAsync(TestManifests.GitRepository(ns, "fleet", repo.Url));
        // A valid age identity, but not the one the file was encrypted for.
        await rig.Kubectl.RunAsync(null, "create", "secret", "generic", "sops-keys", "-n", ns,
            "--from-literal=age.agekey=AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX");
        await rig.ApplyAsync(TestManifests.Kustomization(ns, "app", "./app", $"  targetNamespace: {ns}\n  decryption:\n    provider: sops\n    secretRef:\n      name: sops-keys\n"));

        var ready = await rig.WaitForConditionAsync(ns, "app", "False", "DecryptionFailed");

        Assert.Contains("app/file.txt: SOPS decryption failed: could not decrypt the data key", (string?)ready["message"], StringComparison.Ordinal);
        Assert.Contains("age1l44xcng8dqj32nlv6d930qvvrny05hglzcv9qpc7kxjc6902ma4qufys29", (string?)ready["message"], StringComparison.Ordinal);
        Assert.Null(await rig.GetAsync("v1", "ConfigMap", ns, "first"));
    }

    [Fact]
    public async Task A_pq_agekey_next_to_an_x25519_one_decrypts_the_age_pq_and_the_age_secrets()
    {
        var ns = await rig.NamespaceAsync("decrypt-pq");
        using var repo = new FleetRepository(rig.Git, ns);
        repo.Write("app/age-pq.yaml", Vector("algorithms/age-pq.yaml"))
            .Write("app/age.yaml", Vector("algorithms/age.yaml"))
            .Write("app/kustomization.yaml", "resources: [age-pq.yaml, age.yaml]\n")
            .Push();
        await rig.ApplyAsync(TestManifests.GitRepository(ns, "fleet", repo.Url));
        await rig.Kubectl.RunAsync(null, "create", "secret", "generic", "sops-keys", "-n", ns,
            $"--from-file=pq.agekey={Path.Combine(Vectors, "flux-age-pq.txt")}", $"--from-file=age.agekey={Path.Combine(Vectors, "flux-age.txt")}");
        await rig.ApplyAsync(TestManifests.Kustomization(ns, "app", "./app",
            $"  targetNamespace: {ns}\n  decryption:\n    provider: sops\n    secretRef:\n      name: sops-keys\n"));

        await rig.WaitForConditionAsync(ns, "app", "True", "ReconciliationSucceeded");

        Assert.Equal("value", await SecretValueAsync(ns, "age-pq", "key"));
        Assert.Equal("value", await SecretValueAsync(ns, "age", "key"));
    }

    [Fact]
    public async Task The_age_pq_secret_with_only_an_x25519_key_fails_naming_the_pq_recipient_and_applies_nothing()
    {
        var ns = await rig.NamespaceAsync("decrypt-pq-wrong");
        using var repo = new FleetRepository(rig.Git, ns);
        repo.Write("app/cm.yaml", TestManifests.ConfigMap("first", "k", "v"))
            .Write("app/age-pq.yaml", Vector("algorithms/age-pq.yaml"))
            .Write("app/kustomization.yaml", "resources: [cm.yaml, age-pq.yaml]\n")
            .Push();
        await rig.ApplyAsync(TestManifests.GitRepository(ns, "fleet", repo.Url));
        await rig.Kubectl.RunAsync(null, "create", "secret", "generic", "sops-keys", "-n", ns, $"--from-file=age.agekey={Path.Combine(Vectors, "flux-age.txt")}");
        await rig.ApplyAsync(TestManifests.Kustomization(ns, "app", "./app",
            $"  targetNamespace: {ns}\n  decryption:\n    provider: sops\n    secretRef:\n      name: sops-keys\n"));

        var ready = await rig.WaitForConditionAsync(ns, "app", "False", "DecryptionFailed");

        var message = (string?)ready["message"];
        Assert.Contains("age:age1pq1ehusfwsvrente8p6gafr4jemv2urnqfm4c59ng5dgq", message, StringComparison.Ordinal);
        Assert.DoesNotContain("AGE-SECRET-KEY", message, StringComparison.Ordinal);
        Assert.Null(await rig.GetAsync("v1", "ConfigMap", ns, "first"));
    }

    private static string Vector(string path) => File.ReadAllText(Path.Combine(Vectors, path));

    private async Task<string?> SecretValueAsync(string ns, string name, string key)
    {
        var secret = await rig.GetAsync("v1", "Secret", ns, name);
        return (string?)secret?.Json["data"]?[key] is { } encoded ? Encoding.UTF8.GetString(Convert.FromBase64String(encoded)) : null;
    }
}
