using System.Text;
using Gyre.Sops.Age;

namespace Gyre.Sops.Tests;

/// <summary>SOPS files whose data key is wrapped for hybrid post-quantum age recipients (age1pq1…).</summary>
public sealed class SopsPostQuantumTests
{
    private const string AgePqVector = "kustomize-controller/algorithms/age-pq.yaml";
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 18, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_flux_age_pq_secret_opens_with_its_pq_identity_and_its_mac_verifies()
    {
        var plain = SopsDecryptor.Decrypt(Vectors.Read(AgePqVector), SopsFormat.Yaml, Vectors.AgeOnly("flux-age-pq.txt"));

        Assert.Equal("apiVersion: v1\nkind: Secret\nmetadata:\n    name: age-pq\nstringData:\n    key: value\n", Encoding.UTF8.GetString(plain));
    }

    [Fact]
    public void The_flux_age_pq_secret_refuses_other_identities_and_names_the_recipient()
    {
        var keyring = new SopsKeyring { AgeIdentities = [AgeIdentity.GeneratePostQuantum(), .. Vectors.AgeOnly("flux-age.txt").AgeIdentities] };

        var error = Assert.Throws<SopsException>(() => SopsDecryptor.Decrypt(Vectors.Read(AgePqVector), SopsFormat.Yaml, keyring));

        Assert.Contains("age:age1pq1ehusfwsvrente8p6gafr4jemv2urnqfm4c59ng5dgq", error.Message, StringComparison.Ordinal);
        Assert.Contains("age1l44xcng8dqj32nlv6d930qvvrny05hglzcv9qpc7kxjc6902ma4qufys29", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("AGE-SECRET-KEY", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_encrypted_to_a_pq_recipient_round_trips()
    {
        var identity = AgeIdentity.GeneratePostQuantum();
        var options = new SopsEncryptOptions { KeyGroups = [[SopsKeySpec.Age(identity.Recipient.Text)]], EncryptedRegex = "^(data|stringData)$" };

        var encrypted = SopsEncryptor.Encrypt("kind: Secret\nstringData:\n    token: hunter2\n"u8.ToArray(), SopsFormat.Yaml, options, new SopsKeyring(), Now);

        var text = Encoding.UTF8.GetString(encrypted);
        Assert.Contains("recipient: " + identity.Recipient.Text, text, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
        var keyring = new SopsKeyring { AgeIdentities = [identity] };
        Assert.Equal("kind: Secret\nstringData:\n    token: hunter2\n", Encoding.UTF8.GetString(SopsDecryptor.Decrypt(encrypted, SopsFormat.Yaml, keyring)));
    }

    [Fact]
    public void A_file_for_an_x25519_and_a_pq_recipient_opens_with_either_identity()
    {
        var classic = AgeIdentity.Generate();
        var hybrid = AgeIdentity.GeneratePostQuantum();
        var options = new SopsEncryptOptions { KeyGroups = [[SopsKeySpec.Age(classic.Recipient.Text), SopsKeySpec.Age(hybrid.Recipient.Text)]] };

        var encrypted = SopsEncryptor.Encrypt("token: t\n"u8.ToArray(), SopsFormat.Yaml, options, new SopsKeyring(), Now);

        Assert.Equal("token: t\n", Encoding.UTF8.GetString(SopsDecryptor.Decrypt(encrypted, SopsFormat.Yaml, new SopsKeyring { AgeIdentities = [classic] })));
        Assert.Equal("token: t\n", Encoding.UTF8.GetString(SopsDecryptor.Decrypt(encrypted, SopsFormat.Yaml, new SopsKeyring { AgeIdentities = [hybrid] })));
        Assert.Throws<SopsException>(() => SopsDecryptor.Decrypt(encrypted, SopsFormat.Yaml, new SopsKeyring { AgeIdentities = [AgeIdentity.GeneratePostQuantum()] }));
    }
}
