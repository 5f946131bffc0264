namespace Gyre.Cli.Tests;

/// <summary>The sops flags for comment rules, mac_only_encrypted and the Shamir threshold.</summary>
public sealed partial class SopsCommandTests
{
    [Fact]
    public async Task Comment_regex_and_mac_only_flags_are_written_to_the_metadata_and_round_trip()
    {
        const string Plain = "# sops:enc\npassword: hunter2\nuser: eve\n";
        File.WriteAllText(Path.Combine(_dir, "app.yaml"), Plain);
        var env = new Dictionary<string, string> { ["SOPS_AGE_KEY_FILE"] = Vector("keys/flux-age.txt") };

        var (code, encrypted, error) = await Sops(new(env), "encrypt", "--age", FluxAge, "--encrypted-comment-regex", "sops:enc", "--mac-only-encrypted", "app.yaml");
        Assert.True(code == 0, error);
        File.WriteAllText(Path.Combine(_dir, "app.enc.yaml"), encrypted);
        var decrypted = await Sops(new(env), "decrypt", "app.enc.yaml");

        Assert.Contains("\n    encrypted_comment_regex: sops:enc\n", encrypted, StringComparison.Ordinal);
        Assert.Contains("\n    mac_only_encrypted: true\n", encrypted, StringComparison.Ordinal);
        Assert.Contains("\nuser: eve\n", encrypted, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", encrypted, StringComparison.Ordinal);
        Assert.Equal(Plain, decrypted.Output);
    }

    [Fact]
    public async Task The_shamir_flag_sets_the_threshold_of_the_creation_rules_key_groups()
    {
        const string Global = "age1henwn645drkd3fa34t27t2w2x0nsgw3w4h62gmg5x5xflyjpy38s5cncph";
        const string HelmSecrets = "age1rh2xsjg8avja92j3jhtttuczgmqkz89lezxt4e3mmp5ukl5j4f9smvteju";
        File.WriteAllText(Path.Combine(_dir, ".sops.yaml"), $"creation_rules:\n  - key_groups:\n      - age: [{FluxAge}]\n      - age: [{Global}]\n      - age: [{HelmSecrets}]\n");
        File.WriteAllText(Path.Combine(_dir, "app.yaml"), "token: t\n");

        var (code, encrypted, error) = await Sops([], "encrypt", "--shamir-secret-sharing-threshold", "2", "app.yaml");
        Assert.True(code == 0, error);
        File.WriteAllText(Path.Combine(_dir, "app.enc.yaml"), encrypted);
        var twoGroups = File.ReadAllText(Vector("keys/flux-age-global.txt")) + "\n" + File.ReadAllText(Vector("keys/helm-secrets-age-key.txt"));
        var byTwoGroups = await Sops(new() { ["SOPS_AGE_KEY"] = twoGroups }, "decrypt", "app.enc.yaml");
        var byOneGroup = await Sops(new() { ["SOPS_AGE_KEY_FILE"] = Vector("keys/flux-age-global.txt") }, "decrypt", "app.enc.yaml");

        Assert.Contains("\n    shamir_threshold: 2\n    key_groups:\n", encrypted, StringComparison.Ordinal);
        Assert.Equal(("token: t\n", 0), (byTwoGroups.Output, byTwoGroups.Code));
        Assert.Equal(1, byOneGroup.Code);
        Assert.Contains("1 of 2 key groups opened", byOneGroup.Error, StringComparison.Ordinal);
    }
}
