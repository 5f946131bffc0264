using System.Security.Cryptography;
using System.Text;
using Gyre.Sops.Age;
using Gyre.Sops.Config;
using Gyre.Sops.Crypto;

namespace Gyre.Sops.Tests;

/// <summary>Key groups and Shamir's threshold as sops does them: Vault's GF(256) sharing, one share per key group.</summary>
public sealed class ShamirTests
{
    [Fact]
    public void Shares_over_vaults_field_combine_to_the_secret()
    {
        // f(x) = 0x42 + 0xe5·x, with powers of 0xe5 from Vault's exp table (e5² = 4c, e5³ = b5): the products need
        // the field's reduction, so a wrong polynomial gives another byte. A share is its y bytes, then its x.
        byte[] first = [0x42 ^ 0xe5, 0x01], second = [0x42 ^ 0x4c, 0xe5], third = [0x42 ^ 0xb5, 0x4c];

        Assert.Equal([0x42], Shamir.Combine([first, second]));
        Assert.Equal([0x42], Shamir.Combine([third, first]));
        Assert.Equal([0x42], Shamir.Combine([second, third, first]));
    }

    [Fact]
    public void Any_threshold_of_shares_gives_the_secret_and_fewer_do_not()
    {
        var secret = RandomNumberGenerator.GetBytes(32);

        var shares = Shamir.Split(secret, 5, 3);

        Assert.All(shares, s => Assert.Equal(33, s.Length));
        Assert.Equal(5, shares.Select(s => s[^1]).Where(x => x != 0).Distinct().Count());
        Assert.Equal(secret, Shamir.Combine([shares[4], shares[0], shares[2]]));
        Assert.Equal(secret, Shamir.Combine([shares[1], shares[3], shares[4]]));
        Assert.NotEqual(secret, Shamir.Combine([shares[1], shares[3]]));
    }

    [Fact]
    public void A_file_for_three_key_groups_with_threshold_two_opens_with_any_two_groups_keys()
    {
        var keys = new[] { AgeIdentity.Generate(), AgeIdentity.Generate(), AgeIdentity.Generate() };
        var options = new SopsEncryptOptions { KeyGroups = [.. keys.Select(k => (IReadOnlyList<SopsKeySpec>)[SopsKeySpec.Age(k.Recipient.Text)])], ShamirThreshold = 2 };

        var encrypted = SopsEncryptor.Encrypt("password: hunter2\n"u8.ToArray(), SopsFormat.Yaml, options, new SopsKeyring(), DateTimeOffset.UtcNow);

        var text = Encoding.UTF8.GetString(encrypted);
        Assert.Contains("\n    shamir_threshold: 2\n    key_groups:\n        - age:\n", text, StringComparison.Ordinal);
        Assert.Equal(3, text.Split("- age:").Length - 1);
        Assert.Equal("password: hunter2\n", Decrypt(encrypted, keys[0], keys[2]));
        Assert.Equal("password: hunter2\n", Decrypt(encrypted, keys[1], keys[2]));
        var error = Assert.Throws<SopsException>(() => Decrypt(encrypted, keys[1]));
        Assert.Contains("could not decrypt the data key (1 of 2 key groups opened)", error.Message, StringComparison.Ordinal);
        Assert.Contains(keys[0].Recipient.Text, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_groups_age_stanza_holds_a_vault_share_that_the_age_cli_opens()
    {
        using var dir = new TempKeys();
        var keys = new[] { AgeIdentity.Generate(), AgeIdentity.Generate() };
        var options = new SopsEncryptOptions { KeyGroups = [.. keys.Select(k => (IReadOnlyList<SopsKeySpec>)[SopsKeySpec.Age(k.Recipient.Text)])] };
        var yaml = Encoding.UTF8.GetString(SopsEncryptor.Encrypt("password: hunter2\n"u8.ToArray(), SopsFormat.Yaml, options, new SopsKeyring(), DateTimeOffset.UtcNow));
        var stanzas = yaml.Split("- age:")[1..];

        var shares = stanzas.Select((s, i) => SopsOracle.DataKey(s, dir.Write(keys[i]))).ToList();

        Assert.Contains("\n    shamir_threshold: 2\n", yaml, StringComparison.Ordinal);
        Assert.All(shares, s => Assert.Equal(33, s.Length));
        var dataKey = Shamir.Combine(shares);
        Assert.Equal("hunter2", SopsOracle.DecryptValue(SopsOracle.EncryptedValues(yaml).Single(), dataKey, "password:"));
        Assert.Equal(SopsOracle.Mac(["hunter2"], macOnlyEncrypted: false), SopsOracle.StoredMac(yaml, dataKey));
    }

    [Fact]
    public void Sops_yaml_key_groups_and_shamir_threshold_become_the_files_groups()
    {
        var keys = new[] { AgeIdentity.Generate(), AgeIdentity.Generate(), AgeIdentity.Generate() };
        var config = SopsConfig.Parse($"""
            creation_rules:
              - path_regex: \.yaml$
                shamir_threshold: 2
                key_groups:
                  - age: [{keys[0].Recipient.Text}]
                  - age: [{keys[1].Recipient.Text}]
                  - age: [{keys[2].Recipient.Text}]
            """);
        var rule = config.FindRule("secret.yaml")!;

        var encrypted = SopsEncryptor.Encrypt("a: b\n"u8.ToArray(), SopsFormat.Yaml, rule.ToOptions(), new SopsKeyring(), DateTimeOffset.UtcNow);

        Assert.Equal(2, rule.ShamirThreshold);
        Assert.Equal(3, rule.KeyGroups.Count);
        Assert.Equal("a: b\n", Decrypt(encrypted, keys[2], keys[0]));
        Assert.Throws<SopsException>(() => Decrypt(encrypted, keys[0]));
    }

    private static string Decrypt(byte[] encrypted, params AgeIdentity[] identities) =>
        Encoding.UTF8.GetString(SopsDecryptor.Decrypt(encrypted, SopsFormat.Yaml, new SopsKeyring { AgeIdentities = identities }));

    private sealed class TempKeys : IDisposable
    {
        private readonly string _dir = Directory.CreateTempSubdirectory("gyre-shamir-").FullName;

        public string Write(AgeIdentity identity)
        {
            var path = Path.Combine(_dir, Guid.NewGuid().ToString("N") + ".txt");
            File.WriteAllText(path, identity.Encode() + "\n");
            return path;
        }

        public void Dispose() => Directory.Delete(_dir, recursive: true);
    }
}
