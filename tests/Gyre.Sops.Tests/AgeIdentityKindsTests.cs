using System.Diagnostics;
using System.Text;
using Gyre.Sops.Age;

namespace Gyre.Sops.Tests;

/// <summary>
/// The age identities sops supports beyond X25519: SSH keys (ssh-ed25519, ssh-rsa) and passphrase-encrypted identity
/// files, with sops' own keysource vectors and Debian's age CLI as the oracle.
/// </summary>
public sealed class AgeIdentityKindsTests
{
    private static readonly string KeySource = Vectors.VectorPath("getsops-sops/age-keysource");

    [Fact]
    public void An_ssh_ed25519_identity_opens_sops_keysource_vector()
    {
        var identity = AgeSshIdentity.Parse(File.ReadAllText(Path.Combine(KeySource, "ssh-ed25519-identity")));

        var plain = AgeFile.Decrypt(File.ReadAllBytes(Path.Combine(KeySource, "encrypted-ssh-key.age")), [], [identity], null);

        Assert.Equal("data", Encoding.UTF8.GetString(plain));
        Assert.Equal(string.Join(' ', File.ReadAllText(Path.Combine(KeySource, "ssh-ed25519-identity.pub")).Split(' ')[..2]), identity.Recipient);
    }

    [Fact]
    public void An_ssh_ed25519_stanza_we_write_opens_with_the_age_cli_and_with_ours()
    {
        var publicKey = File.ReadAllText(Path.Combine(KeySource, "ssh-ed25519-identity.pub")).Trim();
        var identityFile = Path.Combine(KeySource, "ssh-ed25519-identity");

        var encrypted = AgeFile.Encrypt("hello ssh"u8, [], [AgeSshRecipient.Parse(publicKey)]);

        Assert.Equal("hello ssh", Encoding.UTF8.GetString(AgeCli.Run("age", ["-d", "-i", identityFile], encrypted)));
        Assert.Equal("hello ssh", Encoding.UTF8.GetString(AgeFile.Decrypt(encrypted, [], [AgeSshIdentity.Parse(File.ReadAllText(identityFile))], null)));
    }

    [Fact]
    public void An_ssh_rsa_key_works_both_ways_with_the_age_cli()
    {
        using var dir = new TempDir();
        var key = Path.Combine(dir.Path, "id_rsa");
        Run("ssh-keygen", "-q", "-t", "rsa", "-b", "2048", "-N", "", "-C", "test", "-f", key);
        var identity = AgeSshIdentity.Parse(File.ReadAllText(key));
        var publicKey = File.ReadAllText(key + ".pub").Trim();

        var byCli = AgeCli.Run("age", ["-e", "-R", key + ".pub"], "from age"u8.ToArray());
        var byUs = AgeFile.Encrypt("from gyre"u8, [], [AgeSshRecipient.Parse(publicKey)]);

        Assert.Equal("from age", Encoding.UTF8.GetString(AgeFile.Decrypt(byCli, [], [identity], null)));
        Assert.Equal("from gyre", Encoding.UTF8.GetString(AgeCli.Run("age", ["-d", "-i", key], byUs)));
    }

    [Fact]
    public void A_passphrase_encrypted_identity_file_gives_the_identity_inside()
    {
        var file = File.ReadAllBytes(Path.Combine(KeySource, "encrypted-identity.age"));
        var passphrase = File.ReadAllText(Path.Combine(KeySource, "encrypted-identity.passphrase.txt"));

        var identities = AgeIdentity.ParseEncryptedKeys(file, passphrase, "encrypted-identity.age");

        Assert.True(AgeIdentity.IsEncryptedKeys(file));
        var expected = AgeIdentity.ParseKeys(File.ReadAllText(Path.Combine(KeySource, "identity.txt")));
        Assert.Equal(expected.Select(i => i.Recipient), identities.Select(i => i.Recipient));
        Assert.Equal("data", Encoding.UTF8.GetString(AgeFile.Decrypt(File.ReadAllBytes(Path.Combine(KeySource, "encrypted-key.age")), identities)));
    }

    [Fact]
    public void A_wrong_passphrase_is_named_as_such()
    {
        // A scrypt stanza with a small work factor (the vector's 2^18 costs 256 MiB per try): any wrong passphrase fails to unwrap.
        var stanza = $"-> scrypt {AgeFile.Base64Raw(new byte[16])} 4\n{AgeFile.Base64Raw(new byte[32])}\n";
        var file = Encoding.ASCII.GetBytes($"age-encryption.org/v1\n{stanza}--- {AgeFile.Base64Raw(new byte[32])}\n").Concat(new byte[32]).ToArray();

        var wrong = Assert.Throws<SopsException>(() => AgeIdentity.ParseEncryptedKeys(file, "not it", "keys.age"));

        Assert.Equal("keys.age: could not open the encrypted identity file: age: incorrect passphrase", wrong.Message);
    }

    [Fact]
    public void A_sops_file_for_an_ssh_recipient_opens_with_the_ssh_key_only()
    {
        var publicKey = File.ReadAllText(Path.Combine(KeySource, "ssh-ed25519-identity.pub")).Trim();
        var options = new SopsEncryptOptions { KeyGroups = [[SopsKeySpec.Age(publicKey)]] };

        var encrypted = SopsEncryptor.Encrypt("token: s3cret\n"u8.ToArray(), SopsFormat.Yaml, options, new SopsKeyring(), DateTimeOffset.UtcNow);

        Assert.Contains("recipient: " + publicKey + "\n", Encoding.UTF8.GetString(encrypted), StringComparison.Ordinal);
        var keyring = new SopsKeyring { AgeSshIdentities = [AgeSshIdentity.Parse(File.ReadAllText(Path.Combine(KeySource, "ssh-ed25519-identity")))] };
        Assert.Equal("token: s3cret\n", Encoding.UTF8.GetString(SopsDecryptor.Decrypt(encrypted, SopsFormat.Yaml, keyring)));
    }

    [Fact]
    public void A_passphrase_protected_ssh_key_is_refused_with_what_to_do()
    {
        using var dir = new TempDir();
        var key = Path.Combine(dir.Path, "id_ed25519");
        Run("ssh-keygen", "-q", "-t", "ed25519", "-N", "secret-pass", "-f", key);

        var error = Assert.Throws<SopsException>(() => AgeSshIdentity.Parse(File.ReadAllText(key), "id_ed25519"));

        Assert.StartsWith("id_ed25519: the SSH private key is protected by a passphrase", error.Message, StringComparison.Ordinal);
    }

    private static void Run(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(60_000) && process.ExitCode == 0, tool + " failed: " + error);
    }

    private sealed class TempDir : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("gyre-age-ssh-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
