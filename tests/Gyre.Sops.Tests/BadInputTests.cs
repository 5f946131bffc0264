using System.Text;
using Gyre.Sops.Crypto;

namespace Gyre.Sops.Tests;

public sealed class BadInputTests
{
    private const string AgeSecret = "kustomize-controller/algorithms/age.yaml";

    private static string Text(string vector) => Encoding.UTF8.GetString(Vectors.Read(vector));

    private static SopsException Decrypt(string text, SopsKeyring keyring) =>
        Assert.Throws<SopsException>(() => SopsDecryptor.Decrypt(Encoding.UTF8.GetBytes(text), SopsFormat.Yaml, keyring, new SopsDecryptOptions { File = "secret.yaml" }));

    [Fact]
    public void A_wrong_key_names_the_recipients_that_were_tried()
    {
        var error = Decrypt(Text(AgeSecret), Vectors.AgeOnly("flux-age-global.txt"));

        Assert.StartsWith("secret.yaml: could not decrypt the data key", error.Message, StringComparison.Ordinal);
        Assert.Contains("age:age1l44xcng8dqj32nlv6d930qvvrny05hglzcv9qpc7kxjc6902ma4qufys29", error.Message, StringComparison.Ordinal);
        Assert.Contains("identities tried: age1henwn645drkd3fa34t27t2w2x0nsgw3w4h62gmg5x5xflyjpy38s5cncph", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_keys_at_all_says_so()
    {
        var error = Decrypt(Text(AgeSecret), new SopsKeyring());
        Assert.Contains("no age identities available", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Corrupt_ciphertext_names_the_value()
    {
        var text = Text(AgeSecret).Replace("data:mHeXsmQ=", "data:nHeXsmQ=", StringComparison.Ordinal);

        var error = Decrypt(text, Vectors.AgeOnly("flux-age.txt"));

        Assert.StartsWith("secret.yaml: stringData:key: could not decrypt value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_replaced_under_a_valid_mac_is_a_mac_mismatch()
    {
        // Re-encrypt a different plaintext with the real data key: the value is authentic AES-GCM, but the MAC is not.
        var dataKey = Convert.FromHexString(Vectors.Decrypted(AgeSecret).GetProperty("data_key_hex").GetString()!);
        var forged = ValueCipher.Encrypt("evil", dataKey, "stringData:key:");
        var text = Text(AgeSecret);
        var start = text.IndexOf("  key: ENC[", StringComparison.Ordinal) + "  key: ".Length;
        var end = text.IndexOf('\n', start);
        text = text[..start] + forged + text[end..];

        var error = Decrypt(text, Vectors.AgeOnly("flux-age.txt"));

        Assert.True(error.IsMacMismatch);
        Assert.Equal("secret.yaml: MAC mismatch: the file's values were changed after it was encrypted; refusing to use it (restore it from history, or decrypt it with --ignore-mac and re-encrypt the file)", error.Message);
        Assert.DoesNotContain("evil", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_edited_cleartext_value_is_a_mac_mismatch()
    {
        var error = Decrypt(Text(AgeSecret).Replace("name: age", "name: other", StringComparison.Ordinal), Vectors.AgeOnly("flux-age.txt"));
        Assert.True(error.IsMacMismatch);
    }

    [Theory]
    [InlineData("kms", "arn", "arn:aws:kms:us-east-1:123:key/abc")]
    [InlineData("gcp_kms", "resource_id", "projects/p/locations/global/keyRings/r/cryptoKeys/k")]
    [InlineData("azure_kv", "vault_url", "https://v.vault.azure.net")]
    [InlineData("hc_vault", "vault_address", "https://vault:8200")]
    public void A_file_for_an_unsupported_provider_names_it(string provider, string field, string id)
    {
        var text = $"key: ENC[AES256_GCM,data:mHeXsmQ=,iv:vUMpILz3xchORqkzDFvgwENY7EqIHHGJdEF6C8xqbFE=,tag:IroV7hykADvD0IUaq6kikA==,type:str]\nsops:\n    {provider}:\n        - {field}: {id}\n          enc: AAAA\n    lastmodified: \"2024-11-12T13:33:42Z\"\n    mac: x\n    version: 3.9.0\n";

        var error = Decrypt(text, Vectors.AgeOnly("flux-age.txt"));

        Assert.Contains($"{provider}:{id}: provider '{provider}' is not supported by Gyre", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_sops_is_refused()
    {
        var error = Decrypt(Text("getsops-sops/functional-tests/res/plainfile.yaml"), Vectors.All());
        Assert.StartsWith("secret.yaml: sops metadata not found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_without_a_mac_is_refused_unless_asked()
    {
        var error = Decrypt(Text("getsops-sops/functional-tests/res/no_mac.yaml"), Vectors.PgpOnly("sops_functional_tests_key.asc"));
        Assert.Contains("no MAC", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_yaml_says_where()
    {
        var error = Decrypt("a: [b\n", Vectors.All());
        Assert.StartsWith("secret.yaml: invalid YAML at line", error.Message, StringComparison.Ordinal);
    }
}
