using System.Text;
using Gyre.Sops.Age;

namespace Gyre.Sops.Tests;

public sealed class AgeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gyre-age-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(0)]
    [InlineData(32)]
    [InlineData(65536)]
    [InlineData(200_000)]
    public void Files_we_encrypt_open_with_the_age_cli(int size)
    {
        var keyFile = Path.Combine(_dir, "key.txt");
        var identity = AgeIdentity.Generate();
        File.WriteAllText(keyFile, identity.Encode() + "\n");
        var plaintext = Enumerable.Range(0, size).Select(i => (byte)(i * 7)).ToArray();

        var armored = AgeArmor.Encode(AgeFile.Encrypt(plaintext, [identity.Recipient]));

        Assert.Equal(plaintext, AgeCli.Run("age", ["-d", "-i", keyFile], Encoding.ASCII.GetBytes(armored)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Files_the_age_cli_encrypts_open_with_ours(bool armor)
    {
        var keyFile = Path.Combine(_dir, "key.txt");
        AgeCli.Run("age-keygen", ["-o", keyFile], []);
        var identities = AgeIdentity.ParseKeys(File.ReadAllText(keyFile));
        var other = AgeIdentity.Generate();
        var plaintext = Encoding.UTF8.GetBytes(new string('x', 70_000) + "end");
        string[] args = armor
            ? ["-e", "-a", "-r", other.Recipient.Text, "-r", identities[0].Recipient.Text]
            : ["-e", "-r", other.Recipient.Text, "-r", identities[0].Recipient.Text];

        var encrypted = AgeCli.Run("age", args, plaintext);

        Assert.Equal(plaintext, AgeFile.Decrypt(encrypted, identities));
    }

    [Fact]
    public void Keys_from_age_keygen_parse_to_the_recipient_it_prints()
    {
        var keyFile = Path.Combine(_dir, "key.txt");
        AgeCli.Run("age-keygen", ["-o", keyFile], []);
        var printed = Encoding.ASCII.GetString(AgeCli.Run("age-keygen", ["-y", keyFile], [])).Trim();

        Assert.Equal(printed, AgeIdentity.ParseKeys(File.ReadAllText(keyFile))[0].Recipient.Text);
    }

    [Fact]
    public void The_sops_keysource_vector_opens_with_its_identity_and_not_with_another()
    {
        var file = File.ReadAllBytes(Vectors.VectorPath("getsops-sops/age-keysource/encrypted-key.age"));
        var right = AgeIdentity.ParseKeys(File.ReadAllText(Vectors.VectorPath("getsops-sops/age-keysource/identity.txt")));
        var wrong = AgeIdentity.ParseKeys(File.ReadAllText(Vectors.VectorPath("getsops-sops/age-keysource/other-identity.txt")));

        Assert.Equal(File.ReadAllBytes(Vectors.VectorPath("getsops-sops/age-keysource/encrypted-key.plain.txt")), AgeFile.Decrypt(file, right));
        var error = Assert.Throws<SopsException>(() => AgeFile.Decrypt(file, wrong));
        Assert.Contains("no identity matched", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tampered_header_is_refused()
    {
        var identity = AgeIdentity.Generate();
        var file = AgeFile.Encrypt("secret"u8, [identity.Recipient]);
        var text = Encoding.ASCII.GetString(file);
        var macAt = text.IndexOf("--- ", StringComparison.Ordinal) + 4;
        file[macAt] = (byte)(file[macAt] == (byte)'A' ? 'B' : 'A');

        var error = Assert.Throws<SopsException>(() => AgeFile.Decrypt(file, [identity]));
        Assert.Contains("MAC", error.Message, StringComparison.Ordinal);
    }
}
