using System.Text;
using Gyre.Sops.Crypto;
using Gyre.Sops.Metadata;
using Gyre.Sops.Stores;

namespace Gyre.Sops.Tests;

/// <summary>
/// The metadata rules that pick which values are encrypted, checked against the README's rules with an independent
/// checker: real-sops vectors (unencrypted_suffix, encrypted_regex) layer by layer, and, for the rules no published
/// vector uses, files Gyre encrypts: which values are ENC, their AAD, the MAC sops would compute, and the flags.
/// </summary>
public sealed class MetadataRuleTests
{
    private const string FluxAgeRecipient = "age1l44xcng8dqj32nlv6d930qvvrny05hglzcv9qpc7kxjc6902ma4qufys29";

    public static TheoryData<string> RuleVectors() =>
        [.. Vectors.Verified().Where(v => Vectors.Decrypted(v).GetProperty("mac_ok").ValueKind == System.Text.Json.JsonValueKind.True)
            .Where(v => Vectors.Decrypted(v).GetProperty("metadata_flags").TryGetProperty("encrypted_regex", out _)
                || Vectors.Decrypted(v).GetProperty("values").EnumerateArray().Any(value => value.GetProperty("path").EnumerateArray()
                    .Any(p => p.GetString()!.EndsWith("_unencrypted", StringComparison.Ordinal))))];

    [Theory]
    [MemberData(nameof(RuleVectors))]
    public void A_real_sops_file_with_values_in_clear_gives_the_oracles_mac_from_its_data_key(string vector)
    {
        var oracle = Vectors.Decrypted(vector);
        var format = SopsFormats.FromPath(vector.Replace(".encrypted", string.Empty, StringComparison.Ordinal));
        format = oracle.GetProperty("format").GetString() == "binary" ? SopsFormat.Binary : format;
        var (documents, metadataBranch) = SopsStores.For(format).LoadEncrypted(Vectors.Read(vector));
        var metadata = MetadataReader.Read(metadataBranch!);
        var key = Convert.FromHexString(oracle.GetProperty("data_key_hex").GetString()!);

        var mac = TreeCipher.Decrypt(documents, metadata, key);

        var inputs = oracle.GetProperty("values").EnumerateArray().Select(v => v.GetProperty("mac_input").GetString()!).ToList();
        Assert.Equal(SopsOracle.Mac(inputs, macOnlyEncrypted: false), mac);
        Assert.Equal(oracle.GetProperty("mac_stored").GetString(), mac);
    }

    public static TheoryData<string> Rules() => ["default", "encrypted_suffix", "unencrypted_regex", "encrypted_regex", "encrypted_comment_regex", "unencrypted_comment_regex", "mac_only_encrypted"];

    [Theory]
    [MemberData(nameof(Rules))]
    public void A_file_encrypted_with_a_rule_has_what_sops_would_encrypt_and_mac(string rule)
    {
        var (plain, options, entries, flag) = Case(rule);
        options = options with { KeyGroups = [[SopsKeySpec.Age(FluxAgeRecipient)]] };

        var yaml = Encoding.UTF8.GetString(SopsEncryptor.Encrypt(Encoding.UTF8.GetBytes(plain), SopsFormat.Yaml, options, new SopsKeyring(), DateTimeOffset.UtcNow));

        var key = SopsOracle.DataKey(yaml, Vectors.Key("flux-age.txt"));
        var encrypted = SopsOracle.EncryptedValues(yaml);
        var expectedEncrypted = entries.Where(e => e.Encrypted).ToList();
        Assert.Equal(expectedEncrypted.Count, encrypted.Count);
        for (var i = 0; i < encrypted.Count; i++)
        {
            Assert.Equal(expectedEncrypted[i].Value, SopsOracle.DecryptValue(encrypted[i], key, expectedEncrypted[i].Aad));
        }

        foreach (var clear in entries.Where(e => !e.Encrypted))
        {
            Assert.Contains(clear.Comment ? "#" + clear.Value + "\n" : clear.Value + "\n", yaml, StringComparison.Ordinal);
        }

        var macOnly = options.MacOnlyEncrypted;
        Assert.Equal(SopsOracle.Mac(entries.Where(e => !e.Comment && (e.Encrypted || !macOnly)).Select(e => e.Value), macOnly), SopsOracle.StoredMac(yaml, key));
        Assert.Contains("\n    " + flag + "\n", yaml, StringComparison.Ordinal);
        Assert.Equal(plain, Encoding.UTF8.GetString(SopsDecryptor.Decrypt(Encoding.UTF8.GetBytes(yaml), SopsFormat.Yaml, Vectors.AgeOnly("flux-age.txt"))));
    }

    [Fact]
    public void Two_rules_that_pick_values_cannot_be_combined_as_sops_refuses()
    {
        var options = new SopsEncryptOptions { KeyGroups = [[SopsKeySpec.Age(FluxAgeRecipient)]], EncryptedRegex = "^data$", EncryptedCommentRegex = "sops:enc" };

        var error = Assert.Throws<SopsException>(() => SopsEncryptor.Encrypt("a: b\n"u8.ToArray(), SopsFormat.Yaml, options, new SopsKeyring(), DateTimeOffset.UtcNow));

        Assert.Contains("only one of", error.Message, StringComparison.Ordinal);
    }

    private static (string Plain, SopsEncryptOptions Options, Entry[] Entries, string Flag) Case(string rule) => rule switch
    {
        "default" => (
            "# top\nname: demo\nport: 5432\nuser_unencrypted: alice\nnested_unencrypted:\n    deep: visible\nlist:\n    - one\n    - true\n",
            new SopsEncryptOptions(),
            [new(":", " top", true, true), new("name:", "demo", true), new("port:", "5432", true), new("user_unencrypted:", "alice", false),
                new("nested_unencrypted:deep:", "visible", false), new("list:", "one", true), new("list:", "True", true)],
            "unencrypted_suffix: _unencrypted"),
        "encrypted_suffix" => (
            "name: demo\npassword_enc: hunter2\ndb_enc:\n    user: eve\nplain:\n    - x\n",
            new SopsEncryptOptions { EncryptedSuffix = "_enc" },
            [new("name:", "demo", false), new("password_enc:", "hunter2", true), new("db_enc:user:", "eve", true), new("plain:", "x", false)],
            "encrypted_suffix: _enc"),
        "unencrypted_regex" => (
            "public_key: abc\npublicity: shown\nsecret: s3\ngroup:\n    public: p\n    private: q\n",
            new SopsEncryptOptions { UnencryptedRegex = "^public" },
            [new("public_key:", "abc", false), new("publicity:", "shown", false), new("secret:", "s3", true), new("group:public:", "p", false), new("group:private:", "q", true)],
            "unencrypted_regex: ^public"),
        "encrypted_regex" => (
            "apiVersion: v1\nkind: Secret\nmetadata:\n    name: db\nstringData:\n    password: hunter2\n    port: 5432\n",
            new SopsEncryptOptions { EncryptedRegex = "^(data|stringData)$" },
            [new("apiVersion:", "v1", false), new("kind:", "Secret", false), new("metadata:name:", "db", false),
                new("stringData:password:", "hunter2", true), new("stringData:port:", "5432", true)],
            "encrypted_regex: ^(data|stringData)$"),
        "encrypted_comment_regex" => (
            "# sops:enc\npassword: hunter2\nuser: eve\n# sops:enc\ndb:\n    host: h\n    # another comment\n    port: 5432\n# ordinary\nother: o\n",
            new SopsEncryptOptions { EncryptedCommentRegex = "sops:enc" },
            // The matching comment stays in clear; everything under it, later comments included, is encrypted.
            [new(":", " sops:enc", false, true), new("password:", "hunter2", true), new("user:", "eve", false), new(":", " sops:enc", false, true),
                new("db:host:", "h", true), new("db:", " another comment", true, true), new("db:port:", "5432", true), new(":", " ordinary", false, true), new("other:", "o", false)],
            "encrypted_comment_regex: sops:enc"),
        "unencrypted_comment_regex" => (
            "# sops:noenc\nuser: eve\npassword: hunter2\n# note\ndb:\n    host: h\n",
            new SopsEncryptOptions { UnencryptedCommentRegex = "sops:noenc" },
            [new(":", " sops:noenc", false, true), new("user:", "eve", false), new("password:", "hunter2", true), new(":", " note", true, true), new("db:host:", "h", true)],
            "unencrypted_comment_regex: sops:noenc"),
        "mac_only_encrypted" => (
            "name: demo\nuser_unencrypted: alice\nenabled: false\n",
            new SopsEncryptOptions { MacOnlyEncrypted = true },
            [new("name:", "demo", true), new("user_unencrypted:", "alice", false), new("enabled:", "False", true)],
            "mac_only_encrypted: true"),
        _ => throw new ArgumentOutOfRangeException(nameof(rule)),
    };

    private sealed record Entry(string Aad, string Value, bool Encrypted, bool Comment = false);
}
