using System.Text;
using System.Text.RegularExpressions;
using Gyre.Controllers.Tests.Support;
using Gyre.Sops;

namespace Gyre.Controllers.Tests;

/// <summary>
/// spec.decryption's bad inputs end to end: each leaves the Kustomization Ready=False (DecryptionFailed) with a message
/// naming the file or object and what to do, applies nothing, and never shows the secret's plaintext in the status,
/// the events or the controller's logs.
/// </summary>
[Collection(ControllersCollection.Name)]
public sealed partial class KustomizationDecryptionFailureTests(ControllersFixture rig)
{
    private const string FluxAgeRecipient = "age1l44xcng8dqj32nlv6d930qvvrny05hglzcv9qpc7kxjc6902ma4qufys29";
    private static readonly string Vectors = Path.Combine(AppContext.BaseDirectory, "testdata", "sops");

    public static TheoryData<string> Cases => ["missing-key-secret", "corrupt-ciphertext", "tampered-mac", "unsupported-provider", "not-sops"];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_bad_encrypted_input_fails_clearly_applies_nothing_and_leaks_no_plaintext(string name)
    {
        var canary = "canary-" + Guid.NewGuid().ToString("N");
        var (file, keySecret, expected) = Case(name, canary);
        var ns = await rig.NamespaceAsync("decrypt-bad");
        using var repo = new FleetRepository(rig.Git, ns);
        repo.Write("app/cm.yaml", TestManifests.ConfigMap("first", "k", "v"))
            .Write("app/secret.yaml", file)
            .Write("app/kustomization.yaml", "resources: [cm.yaml, secret.yaml]\n")
            .Push();
        await rig.ApplyAsync(TestManifests.GitRepository(ns, "fleet", repo.Url));
        await rig.Kubectl.RunAsync(null, "create", "secret", "generic", "sops-keys", "-n", ns, $"--from-file=age.agekey={Path.Combine(Vectors, "flux-age.txt")}");
        await rig.ApplyAsync(TestManifests.Kustomization(ns, "app", "./app",
            $"  targetNamespace: {ns}\n  decryption:\n    provider: sops\n    secretRef:\n      name: {keySecret}\n"));

        var ready = await rig.WaitForConditionAsync(ns, "app", "False", "DecryptionFailed");

        var message = (string?)ready["message"] ?? string.Empty;
        foreach (var fragment in expected(ns))
        {
            Assert.Contains(fragment, message, StringComparison.Ordinal);
        }

        Assert.Null(await rig.GetAsync("v1", "ConfigMap", ns, "first"));
        Assert.Null(await rig.GetAsync("v1", "Secret", ns, "canary"));
        string events = string.Empty;
        await rig.Until(async () =>
        {
            events = (await rig.Kubectl.GetJsonAsync("get", "events", "-n", ns, "--field-selector", "involvedObject.name=app")).ToJsonString();
            return events.Contains("DecryptionFailed", StringComparison.Ordinal);
        }, "a DecryptionFailed event");
        var status = (await rig.KustomizationAsync(ns, "app"))!.ToJson();
        Assert.DoesNotContain(canary, status, StringComparison.Ordinal);
        Assert.DoesNotContain(canary, events, StringComparison.Ordinal);
        Assert.DoesNotContain(canary, rig.Logs.Tail(int.MaxValue), StringComparison.Ordinal);
    }

    private static (string File, string KeySecret, Func<string, string[]> Expected) Case(string name, string canary)
    {
        var encrypted = Encrypt(canary);
        return name switch
        {
            "missing-key-secret" => (encrypted, "absent-keys",
                ns => [$"decryption secret '{ns}/absent-keys' not found", "create it with the age (*.agekey) or OpenPGP (*.asc) keys"]),
            "corrupt-ciphertext" => (CorruptValue(encrypted), "sops-keys",
                _ => ["app/secret.yaml: SOPS decryption failed: stringData:password: could not decrypt value", "corrupt ciphertext", "re-encrypt it"]),
            "tampered-mac" => (encrypted.Replace("name: canary", "name: canary-renamed", StringComparison.Ordinal), "sops-keys",
                _ => ["app/secret.yaml", "MAC mismatch", "re-encrypt the file"]),
            "unsupported-provider" => (WithKmsAndVaultOnly(encrypted), "sops-keys",
                _ => ["app/secret.yaml", "kms:arn:aws:kms:eu-west-1:111122223333:key/gyre-test: provider 'kms' is not supported",
                    "hc_vault:https://vault.example:8200/v1/sops/keys/gyre: provider 'hc_vault' is not supported"]),
            "not-sops" => ($"apiVersion: v1\nkind: Secret\nmetadata:\n  name: canary\nstringData:\n  password: {canary}\nsops:\n  note: not a SOPS metadata block\n", "sops-keys",
                ns => [$"Secret/{ns}/canary: SOPS decryption failed: this is not a valid SOPS document", "encrypt the file with sops"]),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
    }

    /// <summary>A Secret encrypted as `sops encrypt --encrypted-regex '^(data|stringData)$'` for Flux's test age key.</summary>
    private static string Encrypt(string canary)
    {
        var plain = $"apiVersion: v1\nkind: Secret\nmetadata:\n  name: canary\nstringData:\n  password: {canary}\n";
        var options = new SopsEncryptOptions { KeyGroups = [[SopsKeySpec.Age(FluxAgeRecipient)]], EncryptedRegex = "^(data|stringData)$" };
        return Encoding.UTF8.GetString(SopsEncryptor.Encrypt(Encoding.UTF8.GetBytes(plain), SopsFormat.Yaml, options, new SopsKeyring(), DateTimeOffset.UtcNow));
    }

    /// <summary>Flips one base64 character inside the password's ciphertext (still valid base64, wrong bytes).</summary>
    private static string CorruptValue(string encrypted)
    {
        var match = PasswordData().Match(encrypted);
        Assert.True(match.Success, encrypted);
        var at = match.Groups["data"].Index;
        var flipped = encrypted[at] == 'A' ? 'B' : 'A';
        return encrypted[..at] + flipped + encrypted[(at + 1)..];
    }

    /// <summary>Replaces the age master key with AWS KMS and Vault Transit keys, which Gyre cannot open.</summary>
    private static string WithKmsAndVaultOnly(string encrypted)
    {
        var sops = encrypted.IndexOf("\nsops:\n", StringComparison.Ordinal);
        var lastModified = encrypted.IndexOf("    lastmodified:", sops, StringComparison.Ordinal);
        Assert.True(sops > 0 && lastModified > sops, encrypted);
        return encrypted[..(sops + 7)] + """
                kms:
                    - arn: arn:aws:kms:eu-west-1:111122223333:key/gyre-test
                      created_at: "2025-01-01T00:00:00Z"
                      enc: AQICAHhGyreTestOnlyNotARealKmsCiphertext
                      aws_profile: ""
                hc_vault:
                    - vault_address: https://vault.example:8200
                      engine_path: sops
                      key_name: gyre
                      created_at: "2025-01-01T00:00:00Z"
                      enc: vault:v1:GyreTestOnlyNotARealVaultCiphertext

            """ + encrypted[lastModified..];
    }

    [GeneratedRegex(@"password: ENC\[AES256_GCM,data:(?<data>[A-Za-z0-9+/])")]
    private static partial Regex PasswordData();
}
