using System.Text;

namespace Gyre.Sops.Tests;

public sealed class VectorDecryptionTests
{
    private static readonly SopsKeyring AllKeys = Vectors.All();

    public static TheoryData<string> VerifiedVectors() => [.. Vectors.Verified()];

    [Theory]
    [MemberData(nameof(VerifiedVectors))]
    public void Decrypts_each_real_sops_file_to_what_sops_prints(string vector)
    {
        var meta = Vectors.Decrypted(vector);
        var format = meta.GetProperty("format").GetString() switch
        {
            "yaml" => SopsFormat.Yaml,
            "json" => SopsFormat.Json,
            "dotenv" => SopsFormat.Dotenv,
            "ini" => SopsFormat.Ini,
            _ => SopsFormat.Binary,
        };
        var options = new SopsDecryptOptions { File = vector, IgnoreMac = vector.EndsWith("no_mac.yaml", StringComparison.Ordinal) };

        var plain = SopsDecryptor.Decrypt(Vectors.Read(vector), format, AllKeys, options);

        var expected = format == SopsFormat.Binary
            ? meta.GetProperty("values")[0].GetProperty("value").GetString()
            : Vectors.Expected(vector);
        Assert.NotNull(expected);
        Assert.Equal(expected, Encoding.UTF8.GetString(plain));
    }

    [Fact]
    public void Opens_a_flux_age_secret_with_only_the_age_key()
    {
        var plain = SopsDecryptor.Decrypt(Vectors.Read("kustomize-controller/algorithms/age.yaml"), SopsFormat.Yaml, Vectors.AgeOnly("flux-age.txt"));
        Assert.Equal("apiVersion: v1\nkind: Secret\nmetadata:\n    name: age\nstringData:\n    key: value\n", Encoding.UTF8.GetString(plain));
    }

    [Fact]
    public void Opens_a_flux_pgp_secret_with_only_the_armored_private_key()
    {
        var plain = SopsDecryptor.Decrypt(Vectors.Read("kustomize-controller/algorithms/pgp.yaml"), SopsFormat.Yaml, Vectors.PgpOnly("flux-pgp.asc"));
        Assert.Contains("key: value", Encoding.UTF8.GetString(plain), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sops-age-keys.txt")]
    [InlineData("sops-nix-ssh-ed25519-key.derived-age.txt")]
    public void Opens_a_mixed_group_with_any_one_of_its_age_keys(string key)
    {
        var plain = SopsDecryptor.Decrypt(Vectors.Read("sops-nix/secrets.yaml"), SopsFormat.Yaml, Vectors.AgeOnly(key));
        Assert.StartsWith("test_key: test_value\n", Encoding.UTF8.GetString(plain), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sops-nix-key.asc")]
    [InlineData("sops-nix-ssh-key.asc")]
    public void Opens_a_mixed_group_with_any_one_of_its_pgp_keys(string key)
    {
        var plain = SopsDecryptor.Decrypt(Vectors.Read("sops-nix/secrets.yaml"), SopsFormat.Yaml, Vectors.PgpOnly(key));
        Assert.StartsWith("test_key: test_value\n", Encoding.UTF8.GetString(plain), StringComparison.Ordinal);
    }

    [Fact]
    public void Opens_secrets_inside_a_plain_secret_as_flux_does()
    {
        var secret = Encoding.UTF8.GetString(Vectors.Read("kustomize-controller/inside/secret.yaml"));
        var encoded = secret.Split('\n').Single(l => l.TrimStart().StartsWith("key:", StringComparison.Ordinal)).Split(':', 2)[1].Trim();
        var inner = Convert.FromBase64String(encoded);

        Assert.True(SopsDecryptor.IsEncrypted(inner, SopsFormat.Binary));
        Assert.Equal("value", Encoding.UTF8.GetString(SopsDecryptor.Decrypt(inner, SopsFormat.Binary, Vectors.AgeOnly("flux-age.txt"))));
    }

    [Fact]
    public void A_keyring_from_flux_secret_entries_opens_age_and_pgp_files()
    {
        var keyring = SopsKeyring.FromKeyMaterial(
            [File.ReadAllText(Vectors.Key("flux-age.txt"))],
            [File.ReadAllBytes(Vectors.Key("flux-pgp.asc"))]);

        Assert.Contains("key: value", Encoding.UTF8.GetString(SopsDecryptor.Decrypt(Vectors.Read("kustomize-controller/algorithms/age.yaml"), SopsFormat.Yaml, keyring)), StringComparison.Ordinal);
        Assert.Contains("key: value", Encoding.UTF8.GetString(SopsDecryptor.Decrypt(Vectors.Read("kustomize-controller/algorithms/pgp.yaml"), SopsFormat.Yaml, keyring)), StringComparison.Ordinal);
    }

    [Fact]
    public void Output_type_json_prints_a_yaml_file_as_sops_json()
    {
        var plain = SopsDecryptor.Decrypt(Vectors.Read("kustomize-controller/algorithms/age.yaml"), SopsFormat.Yaml, Vectors.AgeOnly("flux-age.txt"),
            new SopsDecryptOptions { OutputFormat = SopsFormat.Json });

        Assert.Equal("{\n\t\"apiVersion\": \"v1\",\n\t\"kind\": \"Secret\",\n\t\"metadata\": {\n\t\t\"name\": \"age\"\n\t},\n\t\"stringData\": {\n\t\t\"key\": \"value\"\n\t}\n}\n", Encoding.UTF8.GetString(plain));
    }
}
