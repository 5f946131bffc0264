using System.Text;
using Gyre.Sops.Age;

namespace Gyre.Sops.Tests;

/// <summary>Hybrid post-quantum age (age v1.3: age1pq1… recipients, AGE-SECRET-KEY-PQ-1… identities, mlkem768x25519 stanzas).</summary>
public sealed class AgePostQuantumTests
{
    // The example key pair printed in the C2SP age specification (c2sp.org/age, "MLKEM768-X25519 recipient type").
    private const string SpecIdentity = "AGE-SECRET-KEY-PQ-1XX76JRALNLXDMEW0CRK45QMCCH4X06SE84UN3VPM33W6HWDX0H3SK3ZQFR";

    [Fact]
    public void The_spec_example_identity_yields_the_spec_example_recipient()
    {
        var identity = AgeIdentity.Parse(SpecIdentity);

        Assert.True(identity.IsPostQuantum);
        Assert.Equal(File.ReadAllText(Path.Combine(Vectors.Root, "age-pq", "spec-recipient.txt")).Trim(), identity.Recipient.Text);
    }

    [Fact]
    public void The_flux_pq_key_yields_the_public_key_its_file_names()
    {
        var text = File.ReadAllText(Vectors.Key("flux-age-pq.txt"));
        var printed = text.Split('\n').Single(l => l.StartsWith("# public key: ", StringComparison.Ordinal))["# public key: ".Length..].Trim();

        var identities = AgeIdentity.ParseKeys(text);

        Assert.Equal(printed, Assert.Single(identities).Recipient.Text);
        Assert.Equal(1216, AgeRecipient.Parse(printed).PublicKey.Length);
    }

    [Fact]
    public void The_sops_keysource_hybrid_identity_parses_to_a_recipient_that_opens_with_it()
    {
        var identity = Assert.Single(AgeIdentity.ParseKeys(File.ReadAllText(Vectors.VectorPath("getsops-sops/age-keysource/hybrid-pq-identity.txt"))));
        var recipient = AgeRecipient.Parse(identity.Recipient.Text);

        var file = AgeFile.Encrypt("data"u8, [recipient]);

        Assert.StartsWith("age1pq1", recipient.Text, StringComparison.Ordinal);
        Assert.True(recipient.IsPostQuantum);
        Assert.Equal("data", Encoding.UTF8.GetString(AgeFile.Decrypt(file, [identity])));
        Assert.Equal("AGE-SECRET-KEY-PQ-1JPDDEMSK6G9MG0VNJRSA0QKZ05CF4H6TK50YZGDKZKTRGC5Z7KEQUDUPG6", identity.Encode());
    }

    [Fact]
    public void A_pq_file_has_one_mlkem768x25519_stanza_with_a_1120_byte_share_and_a_32_byte_body()
    {
        var identity = AgeIdentity.GeneratePostQuantum();

        var file = AgeFile.Encrypt(new byte[100_000], [identity.Recipient]);

        var lines = Encoding.ASCII.GetString(file, 0, 4000).Split('\n');
        var arguments = lines[1].Split(' ');
        Assert.Equal(["->", "mlkem768x25519"], arguments[..2]);
        Assert.Equal(1120, AgeFile.FromBase64Raw(arguments[2]).Length);
        Assert.Equal(32, AgeFile.FromBase64Raw(lines[2]).Length);
        Assert.StartsWith("--- ", lines[3], StringComparison.Ordinal);
        Assert.Equal(new byte[100_000], AgeFile.Decrypt(file, [AgeIdentity.Generate(), identity]));
    }

    [Fact]
    public void A_pq_file_does_not_open_with_another_pq_identity_or_an_x25519_one()
    {
        var file = AgeFile.Encrypt("secret"u8, [AgeIdentity.GeneratePostQuantum().Recipient]);

        var error = Assert.Throws<SopsException>(() => AgeFile.Decrypt(file, [AgeIdentity.GeneratePostQuantum(), AgeIdentity.Generate()]));

        Assert.Contains("no identity matched", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pq_and_x25519_recipients_cannot_share_one_age_file_as_in_age()
    {
        var error = Assert.Throws<SopsException>(() => AgeFile.Encrypt("x"u8, [AgeIdentity.GeneratePostQuantum().Recipient, AgeIdentity.Generate().Recipient]));

        Assert.Contains("post-quantum recipient", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stanza_with_a_wrong_sized_share_or_body_is_refused()
    {
        var identity = AgeIdentity.GeneratePostQuantum();
        var text = Encoding.ASCII.GetString(AgeFile.Encrypt("x"u8, [identity.Recipient]));
        var lines = text.Split('\n');
        var shortShare = text.Replace(lines[1], lines[1][..^2], StringComparison.Ordinal); // 1119 bytes, still canonical
        var longBody = text.Replace("\n" + lines[2] + "\n", "\n" + lines[2] + "AAAA\n", StringComparison.Ordinal);

        var share = Assert.Throws<SopsException>(() => AgeFile.Decrypt(Encoding.ASCII.GetBytes(shortShare), [identity]));
        var body = Assert.Throws<SopsException>(() => AgeFile.Decrypt(Encoding.ASCII.GetBytes(longBody), [identity]));

        Assert.Contains("1120 bytes", share.Message, StringComparison.Ordinal);
        Assert.Contains("not 32 bytes", body.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_share_in_non_canonical_base64_is_refused()
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        var identity = AgeIdentity.GeneratePostQuantum();
        var text = Encoding.ASCII.GetString(AgeFile.Encrypt("x"u8, [identity.Recipient]));
        var line = text.Split('\n')[1];
        // 1120 bytes leave 4 unused bits in the last character; setting one decodes to the same bytes, non-canonically.
        var stray = line[..^1] + Alphabet[Alphabet.IndexOf(line[^1], StringComparison.Ordinal) + 1];

        var error = Assert.Throws<SopsException>(() => AgeFile.Decrypt(Encoding.ASCII.GetBytes(text.Replace(line, stray, StringComparison.Ordinal)), [identity]));

        Assert.Contains("non-canonical base64", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_recipient_with_the_wrong_length_or_an_out_of_range_coefficient_is_refused()
    {
        var shortKey = Bech32.Encode("age1pq", new byte[1215]);
        var valid = AgeIdentity.GeneratePostQuantum().Recipient.PublicKey;
        var outOfRange = valid.ToArray();
        outOfRange[0] = 0xff;
        outOfRange[1] |= 0x0f; // the first coefficient becomes 4095, not below q = 3329

        var length = Assert.Throws<SopsException>(() => AgeRecipient.Parse(shortKey));
        var modulus = Assert.Throws<SopsException>(() => AgeRecipient.Parse(Bech32.Encode("age1pq", outOfRange)));

        Assert.Contains("1216 bytes", length.Message, StringComparison.Ordinal);
        Assert.Contains("not a valid ML-KEM-768 encapsulation key", modulus.Message, StringComparison.Ordinal);
        Assert.Equal(valid, AgeRecipient.Parse(Bech32.Encode("age1pq", valid)).PublicKey);
    }
}
