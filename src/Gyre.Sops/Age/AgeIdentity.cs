using Org.BouncyCastle.Math.EC.Rfc7748;

namespace Gyre.Sops.Age;

/// <summary>An age X25519 identity (AGE-SECRET-KEY-1…): the private scalar and the recipient it answers to.</summary>
public sealed class AgeIdentity
{
    private const string Hrp = "AGE-SECRET-KEY-";
    private readonly byte[] _scalar;

    private AgeIdentity(byte[] scalar)
    {
        _scalar = scalar;
        var publicKey = new byte[32];
        X25519.ScalarMultBase(scalar, 0, publicKey, 0);
        Recipient = AgeRecipient.FromPublicKey(publicKey);
    }

    /// <summary>The recipient (age1…) files must be encrypted to for this identity to open them.</summary>
    public AgeRecipient Recipient { get; }

    /// <summary>Parses one AGE-SECRET-KEY-1… string.</summary>
    public static AgeIdentity Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            var (hrp, data) = Bech32.Decode(text.Trim());
            if (!string.Equals(hrp, Hrp, StringComparison.Ordinal) || data.Length != 32)
            {
                throw new SopsException("malformed age identity: expected AGE-SECRET-KEY-1 followed by 32 bytes");
            }

            return new AgeIdentity(data);
        }
        catch (FormatException ex)
        {
            throw new SopsException("malformed age identity: " + ex.Message, innerException: ex);
        }
    }

    /// <summary>Parses an age keys file: one identity per line, '#' comments and blank lines ignored.</summary>
    public static IReadOnlyList<AgeIdentity> ParseKeys(string text, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var identities = new List<AgeIdentity>();
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.StartsWith("AGE-PLUGIN-", StringComparison.Ordinal) || line.StartsWith("AGE-SECRET-KEY-PQ-", StringComparison.Ordinal))
            {
                // Plugin and post-quantum identities need code Gyre does not have; skip them rather than fail the others.
                continue;
            }

            try
            {
                identities.Add(Parse(line));
            }
            catch (SopsException ex)
            {
                throw new SopsException($"line {lineNumber}: {ex.Reason}", source, innerException: ex);
            }
        }

        return identities;
    }

    /// <summary>True when a keys file is itself age-encrypted (binary or armored), as `age -p` writes protected identities.</summary>
    public static bool IsEncryptedKeys(ReadOnlySpan<byte> file) =>
        file.StartsWith("age-encryption.org/"u8) || file.StartsWith("-----BEGIN AGE ENCRYPTED FILE-----"u8);

    /// <summary>Opens a passphrase-encrypted keys file (sops reads these from SOPS_AGE_KEY_FILE) and parses the identities inside.</summary>
    public static IReadOnlyList<AgeIdentity> ParseEncryptedKeys(byte[] file, string passphrase, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(passphrase);
        try
        {
            return ParseKeys(System.Text.Encoding.UTF8.GetString(AgeFile.Decrypt(file, [], [], passphrase)), source);
        }
        catch (SopsException ex) when (source is not null && ex.File is null)
        {
            throw new SopsException("could not open the encrypted identity file: " + ex.Reason, source, innerException: ex);
        }
    }

    /// <summary>X25519 with this identity's scalar.</summary>
    internal byte[] SharedSecret(ReadOnlySpan<byte> theirShare)
    {
        var shared = new byte[32];
        X25519.CalculateAgreement(_scalar, 0, theirShare.ToArray(), 0, shared, 0);
        return shared;
    }

    /// <summary>Renders the identity as AGE-SECRET-KEY-1…; only for writing key files.</summary>
    public string Encode() => Bech32.Encode(Hrp, _scalar);

    /// <summary>Makes a new random identity, as age-keygen does.</summary>
    public static AgeIdentity Generate() => new(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    public override string ToString() => "age identity for " + Recipient;
}
