using Org.BouncyCastle.Math.EC.Rfc7748;

namespace Gyre.Sops.Age;

/// <summary>
/// An age identity and the recipient it answers to: X25519 (AGE-SECRET-KEY-1…, a private scalar) or hybrid
/// post-quantum MLKEM768-X25519 (AGE-SECRET-KEY-PQ-1…, a 32-byte seed).
/// </summary>
public sealed class AgeIdentity
{
    private const string Hrp = "AGE-SECRET-KEY-";
    private const string PostQuantumHrp = "AGE-SECRET-KEY-PQ-";
    private readonly byte[] _secret; // the X25519 scalar, or the post-quantum seed
    private readonly MlKem768X25519? _hybrid;

    private AgeIdentity(byte[] scalar, bool postQuantum = false)
    {
        _secret = scalar;
        if (postQuantum)
        {
            _hybrid = MlKem768X25519.FromSeed(scalar);
            Recipient = AgeRecipient.FromPublicKey(_hybrid.PublicKey);
            return;
        }

        var publicKey = new byte[32];
        X25519.ScalarMultBase(scalar, 0, publicKey, 0);
        Recipient = AgeRecipient.FromPublicKey(publicKey);
    }

    /// <summary>The recipient (age1…) files must be encrypted to for this identity to open them.</summary>
    public AgeRecipient Recipient { get; }

    /// <summary>True for a hybrid post-quantum identity (AGE-SECRET-KEY-PQ-1…).</summary>
    public bool IsPostQuantum => _hybrid is not null;

    /// <summary>The hybrid key pair of a post-quantum identity.</summary>
    internal MlKem768X25519? Hybrid => _hybrid;

    /// <summary>Parses one AGE-SECRET-KEY-1… or AGE-SECRET-KEY-PQ-1… string.</summary>
    public static AgeIdentity Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            var (hrp, data) = Bech32.Decode(text.Trim());
            if (string.Equals(hrp, PostQuantumHrp, StringComparison.Ordinal))
            {
                if (data.Length != MlKem768X25519.SeedSize)
                {
                    throw new SopsException("malformed age identity: expected AGE-SECRET-KEY-PQ-1 followed by a 32-byte seed");
                }

                return new AgeIdentity(data, postQuantum: true);
            }

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

            if (line.StartsWith("AGE-PLUGIN-", StringComparison.Ordinal))
            {
                // Plugin identities need a plugin binary Gyre does not run; skip them rather than fail the others.
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
        X25519.CalculateAgreement(_secret, 0, theirShare.ToArray(), 0, shared, 0);
        return shared;
    }

    /// <summary>Renders the identity as AGE-SECRET-KEY-1… (or AGE-SECRET-KEY-PQ-1…); only for writing key files.</summary>
    public string Encode() => Bech32.Encode(IsPostQuantum ? PostQuantumHrp : Hrp, _secret);

    /// <summary>Makes a new random X25519 identity, as age-keygen does.</summary>
    public static AgeIdentity Generate() => new(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    /// <summary>Makes a new random hybrid post-quantum identity, as age-keygen -pq does.</summary>
    public static AgeIdentity GeneratePostQuantum() => new(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32), postQuantum: true);

    public override string ToString() => "age identity for " + Recipient;
}
