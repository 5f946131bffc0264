using System.Text;
using Gyre.Controllers.Tests.Support;

namespace Gyre.Controllers.Tests;

/// <summary>spec.decryption with a hybrid post-quantum age key (AGE-SECRET-KEY-PQ-1…) and Flux's age-pq.yaml.</summary>
[Collection(ControllersCollection.Name)]
public sealed class KustomizationPostQuantumDecryptionTests(ControllersFixture rig)
{
    private static readonly string Vectors = Path.Combine(AppContext.BaseDirectory, "testdata", "sops");

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
