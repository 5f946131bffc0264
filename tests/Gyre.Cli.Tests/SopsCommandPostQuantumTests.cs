namespace Gyre.Cli.Tests;

/// <summary>`gyre sops` with hybrid post-quantum age keys (age1pq1… recipients, AGE-SECRET-KEY-PQ-1… identities).</summary>
public sealed partial class SopsCommandTests
{
    private static string PqRecipient(string keyFile) =>
        File.ReadAllLines(keyFile).Single(l => l.StartsWith("# public key: ", StringComparison.Ordinal))["# public key: ".Length..].Trim();

    [Fact]
    public async Task Decrypt_opens_the_flux_age_pq_secret_with_its_pq_key_and_prints_what_sops_prints()
    {
        var env = new Dictionary<string, string> { ["SOPS_AGE_KEY_FILE"] = Vector("keys/flux-age-pq.txt") };

        var (code, output, error) = await Sops(env, "decrypt", Vector("kustomize-controller/algorithms/age-pq.yaml"));

        Assert.True(code == 0, error);
        Assert.Equal("apiVersion: v1\nkind: Secret\nmetadata:\n    name: age-pq\nstringData:\n    key: value\n", output);
    }

    [Fact]
    public async Task Decrypt_of_the_age_pq_secret_with_only_an_x25519_key_fails_naming_the_pq_recipient()
    {
        var env = new Dictionary<string, string> { ["SOPS_AGE_KEY_FILE"] = Vector("keys/flux-age.txt") };

        var (code, output, error) = await Sops(env, "decrypt", Vector("kustomize-controller/algorithms/age-pq.yaml"));

        Assert.Equal(1, code);
        Assert.Equal(string.Empty, output);
        Assert.Contains("age:age1pq1ehusfwsvrente8p6gafr4jemv2urnqfm4c59ng5dgq", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Encrypt_with_a_pq_recipient_writes_a_file_the_pq_key_opens()
    {
        var keyFile = Vector("keys/flux-age-pq.txt");
        File.WriteAllText(Path.Combine(_dir, "secret.yaml"), "apiVersion: v1\nkind: Secret\nstringData:\n    token: hunter2\n");

        var encrypt = await Sops([], "encrypt", "--age", PqRecipient(keyFile), "--encrypted-regex", "^(data|stringData)$", "-i", "secret.yaml");
        var inline = await Sops(new() { ["SOPS_AGE_KEY"] = File.ReadAllText(keyFile) }, "decrypt", "secret.yaml");
        var classic = await Sops(new() { ["SOPS_AGE_KEY_FILE"] = Vector("keys/flux-age.txt") }, "decrypt", "secret.yaml");

        Assert.True(encrypt.Code == 0, encrypt.Error);
        var written = File.ReadAllText(Path.Combine(_dir, "secret.yaml"));
        Assert.Contains("recipient: " + PqRecipient(keyFile), written, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", written, StringComparison.Ordinal);
        Assert.Equal(("apiVersion: v1\nkind: Secret\nstringData:\n    token: hunter2\n", 0), (inline.Output, inline.Code));
        Assert.Equal(1, classic.Code);
    }

    [Fact]
    public async Task A_creation_rule_with_a_pq_and_an_x25519_recipient_writes_a_file_either_key_opens()
    {
        var pqKey = Vector("keys/flux-age-pq.txt");
        File.WriteAllText(Path.Combine(_dir, ".sops.yaml"), $"creation_rules:\n  - path_regex: \\.yaml$\n    age: {FluxAge},{PqRecipient(pqKey)}\n");
        File.WriteAllText(Path.Combine(_dir, "app.yaml"), "token: t\n");

        var encrypt = await Sops([], "encrypt", "-i", "app.yaml");
        var byPq = await Sops(new() { ["SOPS_AGE_KEY_FILE"] = pqKey }, "decrypt", "app.yaml");
        var byX25519 = await Sops(new() { ["SOPS_AGE_KEY_FILE"] = Vector("keys/flux-age.txt") }, "decrypt", "app.yaml");

        Assert.True(encrypt.Code == 0, encrypt.Error);
        Assert.Equal(("token: t\n", 0), (byPq.Output, byPq.Code));
        Assert.Equal(("token: t\n", 0), (byX25519.Output, byX25519.Code));
    }
}
