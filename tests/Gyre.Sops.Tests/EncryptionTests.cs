using System.Text;

namespace Gyre.Sops.Tests;

public sealed class EncryptionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 3, 0, 0, TimeSpan.Zero);
    private const string FluxAgeRecipient = "age1l44xcng8dqj32nlv6d930qvvrny05hglzcv9qpc7kxjc6902ma4qufys29";
    private const string GlobalAgeRecipient = "age1henwn645drkd3fa34t27t2w2x0nsgw3w4h62gmg5x5xflyjpy38s5cncph";
    private const string FluxPgp = "35C1A64CD7FC0AB6EB66756B2445463C3234ECE1";

    private const string Secret = """
        apiVersion: v1
        kind: Secret
        metadata:
            name: db
        # the password
        stringData:
            password: hunter2
            port: 5432
            ratio: 0.5
            enabled: true
        """;

    [Theory]
    [InlineData(SopsFormat.Yaml, "a: 1\n# note\nb:\n    - x\n    - yy: z\n")]
    [InlineData(SopsFormat.Json, "{\n\t\"a\": 1.5,\n\t\"b\": [\n\t\t\"x\",\n\t\ttrue\n\t]\n}\n")]
    [InlineData(SopsFormat.Dotenv, "#comment\nKEY=value\nMULTI=a\\nb\n")]
    [InlineData(SopsFormat.Ini, "; c\n[s]\nk  = v\nkk = w\n")]
    [InlineData(SopsFormat.Binary, "any bytes\n\n")]
    public void Every_store_round_trips_through_encrypt_and_decrypt(SopsFormat format, string plain)
    {
        var options = new SopsEncryptOptions { KeyGroups = [[SopsKeySpec.Age(FluxAgeRecipient)]] };

        var encrypted = SopsEncryptor.Encrypt(Encoding.UTF8.GetBytes(plain), format, options, new SopsKeyring(), Now);

        Assert.True(SopsDecryptor.IsEncrypted(encrypted, format));
        Assert.DoesNotContain("hunter2", Encoding.UTF8.GetString(encrypted), StringComparison.Ordinal);
        Assert.Equal(plain, Encoding.UTF8.GetString(SopsDecryptor.Decrypt(encrypted, format, Vectors.AgeOnly("flux-age.txt"))));
    }

    [Fact]
    public void Encrypted_regex_leaves_other_keys_in_clear_and_still_covers_them_with_the_mac()
    {
        var options = new SopsEncryptOptions { KeyGroups = [[SopsKeySpec.Age(FluxAgeRecipient)]], EncryptedRegex = "^(data|stringData)$" };

        var encrypted = Encoding.UTF8.GetString(SopsEncryptor.Encrypt(Encoding.UTF8.GetBytes(Secret), SopsFormat.Yaml, options, new SopsKeyring(), Now));

        Assert.Contains("    name: db\n", encrypted, StringComparison.Ordinal);
        Assert.Contains("    password: ENC[AES256_GCM,", encrypted, StringComparison.Ordinal);
        Assert.Contains("type:int]", encrypted, StringComparison.Ordinal);
        Assert.Contains("    encrypted_regex: ^(data|stringData)$\n", encrypted, StringComparison.Ordinal);
        Assert.Contains("    lastmodified: \"2026-11-22T03:00:00Z\"\n", encrypted, StringComparison.Ordinal);

        var tampered = encrypted.Replace("name: db", "name: evil", StringComparison.Ordinal);
        var error = Assert.Throws<SopsException>(() => SopsDecryptor.Decrypt(Encoding.UTF8.GetBytes(tampered), SopsFormat.Yaml, Vectors.AgeOnly("flux-age.txt")));
        Assert.True(error.IsMacMismatch);
    }

    [Fact]
    public void The_age_stanza_we_write_opens_with_the_age_cli()
    {
        var options = new SopsEncryptOptions { KeyGroups = [[SopsKeySpec.Age(FluxAgeRecipient)]] };
        var encrypted = Encoding.UTF8.GetString(SopsEncryptor.Encrypt("a: b\n"u8.ToArray(), SopsFormat.Json == SopsFormat.Yaml ? SopsFormat.Json : SopsFormat.Yaml, options, new SopsKeyring(), Now));
        var lines = encrypted.Split('\n');
        var begin = Array.FindIndex(lines, l => l.Contains("-----BEGIN AGE", StringComparison.Ordinal));
        var end = Array.FindIndex(lines, l => l.Contains("-----END AGE", StringComparison.Ordinal));
        var armored = string.Join('\n', lines[begin..(end + 1)].Select(l => l.Trim())) + "\n";

        var dataKey = AgeCli.Run("age", ["-d", "-i", Vectors.Key("flux-age.txt")], Encoding.ASCII.GetBytes(armored));

        Assert.Equal(32, dataKey.Length);
    }

    [Fact]
    public void Pgp_keys_from_armored_key_material_encrypt_and_decrypt()
    {
        var keyring = Vectors.PgpOnly("flux-pgp.asc");
        var options = new SopsEncryptOptions { KeyGroups = [[SopsKeySpec.Pgp(FluxPgp)]] };

        var encrypted = SopsEncryptor.Encrypt(Encoding.UTF8.GetBytes(Secret), SopsFormat.Yaml, options, keyring, Now);

        Assert.Contains("fp: " + FluxPgp, Encoding.UTF8.GetString(encrypted), StringComparison.Ordinal);
        Assert.Contains("password: hunter2", Encoding.UTF8.GetString(SopsDecryptor.Decrypt(encrypted, SopsFormat.Yaml, keyring)), StringComparison.Ordinal);
    }

    [Fact]
    public void Two_key_groups_need_both_groups_with_the_default_threshold()
    {
        var options = new SopsEncryptOptions
        {
            KeyGroups = [[SopsKeySpec.Age(FluxAgeRecipient)], [SopsKeySpec.Pgp(FluxPgp)]],
        };
        var encrypted = SopsEncryptor.Encrypt(Encoding.UTF8.GetBytes(Secret), SopsFormat.Yaml, options, Vectors.PgpOnly("flux-pgp.asc"), Now);
        var text = Encoding.UTF8.GetString(encrypted);
        Assert.Contains("shamir_threshold: 2", text, StringComparison.Ordinal);
        Assert.Contains("key_groups:", text, StringComparison.Ordinal);

        var both = new SopsKeyring { AgeIdentities = Vectors.AgeOnly("flux-age.txt").AgeIdentities, Pgp = Vectors.PgpOnly("flux-pgp.asc").Pgp };
        Assert.Contains("hunter2", Encoding.UTF8.GetString(SopsDecryptor.Decrypt(encrypted, SopsFormat.Yaml, both)), StringComparison.Ordinal);
        var error = Assert.Throws<SopsException>(() => SopsDecryptor.Decrypt(encrypted, SopsFormat.Yaml, Vectors.AgeOnly("flux-age.txt")));
        Assert.Contains("1 of 2 key groups", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_threshold_of_one_in_three_groups_opens_with_any_group()
    {
        var options = new SopsEncryptOptions
        {
            KeyGroups = [[SopsKeySpec.Pgp(FluxPgp)], [SopsKeySpec.Age(FluxAgeRecipient)], [SopsKeySpec.Age("age1henwn645drkd3fa34t27t2w2x0nsgw3w4h62gmg5x5xflyjpy38s5cncph")]],
            ShamirThreshold = 2,
        };
        var encrypted = SopsEncryptor.Encrypt(Encoding.UTF8.GetBytes(Secret), SopsFormat.Yaml, options, Vectors.PgpOnly("flux-pgp.asc"), Now);

        var plain = SopsDecryptor.Decrypt(encrypted, SopsFormat.Yaml, Vectors.AgeOnly("flux-age.txt", "flux-age-global.txt"));

        Assert.Contains("hunter2", Encoding.UTF8.GetString(plain), StringComparison.Ordinal);
    }

    [Fact]
    public void Encrypting_an_encrypted_file_is_refused()
    {
        var error = Assert.Throws<SopsException>(() => SopsEncryptor.Encrypt(
            Vectors.Read("kustomize-controller/algorithms/age.yaml"), SopsFormat.Yaml,
            new SopsEncryptOptions { KeyGroups = [[SopsKeySpec.Age(FluxAgeRecipient)]], File = "age.yaml" }, new SopsKeyring(), Now));
        Assert.StartsWith("age.yaml: the file is already encrypted", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rotate_changes_the_data_key_and_edit_keeps_it()
    {
        var keyring = Vectors.AgeOnly("flux-age.txt");
        var options = new SopsEncryptOptions { KeyGroups = [[SopsKeySpec.Age(FluxAgeRecipient)]] };
        var encrypted = SopsEncryptor.Encrypt(Encoding.UTF8.GetBytes(Secret), SopsFormat.Yaml, options, keyring, Now);

        var rotated = SopsRekeying.Rotate(encrypted, SopsFormat.Yaml, keyring, Now.AddHours(1));
        var edited = SopsRekeying.Edit(rotated, SopsFormat.Yaml, keyring,
            plain => Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(plain).Replace("hunter2", "correct horse", StringComparison.Ordinal)), Now.AddHours(2));

        Assert.Contains("correct horse", Encoding.UTF8.GetString(SopsDecryptor.Decrypt(edited, SopsFormat.Yaml, keyring)), StringComparison.Ordinal);
        Assert.NotEqual(
            SopsDecryptor.Open(encrypted, SopsFormat.Yaml, keyring, new SopsDecryptOptions()).DataKey,
            SopsDecryptor.Open(rotated, SopsFormat.Yaml, keyring, new SopsDecryptOptions()).DataKey);
        Assert.Equal(
            SopsDecryptor.Open(rotated, SopsFormat.Yaml, keyring, new SopsDecryptOptions()).DataKey,
            SopsDecryptor.Open(edited, SopsFormat.Yaml, keyring, new SopsDecryptOptions()).DataKey);
    }

    [Fact]
    public void Updatekeys_rewraps_the_data_key_for_new_recipients_and_leaves_values_mac_and_lastmodified_alone()
    {
        var original = Encoding.UTF8.GetString(Vectors.Read("kustomize-controller/algorithms/age.yaml"));

        var updated = SopsRekeying.UpdateKeys(Encoding.UTF8.GetBytes(original), SopsFormat.Yaml, Vectors.AgeOnly("flux-age.txt"),
            [[SopsKeySpec.Age(GlobalAgeRecipient)]], 0, Now, new SopsDecryptOptions { Indent = 2 }); // Flux's .sops.yaml: stores.yaml.indent 2

        var text = Encoding.UTF8.GetString(updated!);
        Assert.Equal(original[..original.IndexOf("\nsops:\n", StringComparison.Ordinal)], text[..text.IndexOf("\nsops:\n", StringComparison.Ordinal)]);
        Assert.Equal(MetadataLine(original, "mac"), MetadataLine(text, "mac"));
        Assert.Equal(MetadataLine(original, "lastmodified"), MetadataLine(text, "lastmodified"));
        Assert.Contains("recipient: " + GlobalAgeRecipient, text, StringComparison.Ordinal);
        Assert.DoesNotContain(FluxAgeRecipient, text, StringComparison.Ordinal);
        Assert.Equal(
            SopsDecryptor.Open(Encoding.UTF8.GetBytes(original), SopsFormat.Yaml, Vectors.AgeOnly("flux-age.txt"), new SopsDecryptOptions()).DataKey,
            SopsDecryptor.Open(updated!, SopsFormat.Yaml, Vectors.AgeOnly("flux-age-global.txt"), new SopsDecryptOptions()).DataKey);
        Assert.Throws<SopsException>(() => SopsDecryptor.Decrypt(updated!, SopsFormat.Yaml, Vectors.AgeOnly("flux-age.txt")));
    }

    [Fact]
    public void Updatekeys_leaves_a_file_whose_keys_already_match_alone()
    {
        var updated = SopsRekeying.UpdateKeys(Vectors.Read("kustomize-controller/algorithms/age.yaml"), SopsFormat.Yaml, new SopsKeyring(),
            [[SopsKeySpec.Age(FluxAgeRecipient)]], 0, Now);

        Assert.Null(updated);
    }

    [Fact]
    public void Rotate_re_encrypts_every_value_under_a_new_data_key()
    {
        var keyring = Vectors.AgeOnly("flux-age.txt");
        var original = Vectors.Read("kustomize-controller/algorithms/age.yaml");

        var rotated = Encoding.UTF8.GetString(SopsRekeying.Rotate(original, SopsFormat.Yaml, keyring, Now, options: new SopsDecryptOptions { Indent = 2 }));

        var before = Encoding.UTF8.GetString(original);
        Assert.NotEqual(MetadataLine(before, "mac"), MetadataLine(rotated, "mac"));
        Assert.DoesNotContain(before.Split('\n').Single(l => l.Contains("key: ENC[", StringComparison.Ordinal)), rotated, StringComparison.Ordinal);
        Assert.Contains("key: value", Encoding.UTF8.GetString(SopsDecryptor.Decrypt(Encoding.UTF8.GetBytes(rotated), SopsFormat.Yaml, keyring)), StringComparison.Ordinal);
    }

    private static string MetadataLine(string yaml, string key) => yaml.Split('\n').Single(l => l.TrimStart().StartsWith(key + ": ", StringComparison.Ordinal));
}
