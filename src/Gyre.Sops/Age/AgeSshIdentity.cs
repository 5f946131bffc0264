using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Encodings;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math.EC.Rfc7748;

namespace Gyre.Sops.Age;

/// <summary>
/// An age identity made from an OpenSSH private key (ssh-ed25519 or ssh-rsa), as age's agessh package and sops 3.10+
/// use them: it opens the `ssh-ed25519` and `ssh-rsa` stanzas whose tag matches its public key.
/// </summary>
public sealed class AgeSshIdentity
{
    private const string Magic = "openssh-key-v1\0";
    private readonly byte[]? _x25519Scalar;
    private readonly RsaKeyParameters? _rsa;

    private AgeSshIdentity(byte[] publicKeyWire, byte[]? x25519Scalar, RsaKeyParameters? rsa)
    {
        PublicKeyWire = publicKeyWire;
        _x25519Scalar = x25519Scalar;
        _rsa = rsa;
        Tag = SshKeys.Tag(publicKeyWire);
        Recipient = SshKeys.Line(publicKeyWire);
    }

    /// <summary>The recipient line this identity answers to ("ssh-ed25519 AAAA…"), as sops writes it in the file.</summary>
    public string Recipient { get; }

    internal byte[] PublicKeyWire { get; }

    internal string Tag { get; }

    /// <summary>Parses an unencrypted OpenSSH private key ("-----BEGIN OPENSSH PRIVATE KEY-----") of type ed25519 or rsa.</summary>
    public static AgeSshIdentity Parse(string pem, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(pem);
        try
        {
            return ParseCore(pem);
        }
        catch (SopsException ex) when (source is not null)
        {
            throw new SopsException(ex.Reason, source, innerException: ex);
        }
    }

    private static AgeSshIdentity ParseCore(string pem)
    {
        const string Begin = "-----BEGIN OPENSSH PRIVATE KEY-----", End = "-----END OPENSSH PRIVATE KEY-----";
        var start = pem.IndexOf(Begin, StringComparison.Ordinal);
        var end = pem.IndexOf(End, StringComparison.Ordinal);
        if (start < 0 || end < start)
        {
            throw new SopsException("not an OpenSSH private key (expected -----BEGIN OPENSSH PRIVATE KEY-----); convert it with ssh-keygen -p -f <file>");
        }

        byte[] data;
        try
        {
            data = Convert.FromBase64String(pem[(start + Begin.Length)..end].Replace("\n", string.Empty, StringComparison.Ordinal).Replace("\r", string.Empty, StringComparison.Ordinal));
        }
        catch (FormatException ex)
        {
            throw new SopsException("malformed OpenSSH private key: invalid base64", innerException: ex);
        }

        if (data.Length < Magic.Length || Encoding.ASCII.GetString(data, 0, Magic.Length) != Magic)
        {
            throw new SopsException("malformed OpenSSH private key: missing openssh-key-v1 header");
        }

        var wire = new SshWire(data[Magic.Length..]);
        var cipher = wire.Text();
        wire.Text(); // kdf name
        wire.Bytes(); // kdf options
        if (cipher != "none")
        {
            throw new SopsException("the SSH private key is protected by a passphrase, which Gyre cannot prompt for; use an unencrypted copy or an age identity");
        }

        if (wire.UInt32() != 1)
        {
            throw new SopsException("malformed OpenSSH private key: expected exactly one key");
        }

        var publicKeyWire = wire.Bytes();
        var secret = new SshWire(wire.Bytes());
        if (secret.UInt32() != secret.UInt32())
        {
            throw new SopsException("malformed OpenSSH private key: check bytes differ");
        }

        var type = secret.Text();
        switch (type)
        {
            case "ssh-ed25519":
                secret.Bytes(); // public key
                var seed = secret.Bytes()[..32];
                // As age (and ssh-to-age): the X25519 scalar is the first half of SHA-512 of the ed25519 seed.
                return new AgeSshIdentity(publicKeyWire, SHA512.HashData(seed)[..32], null);
            case "ssh-rsa":
                var n = secret.MpInt();
                secret.MpInt(); // e
                var d = secret.MpInt();
                return new AgeSshIdentity(publicKeyWire, null, new RsaKeyParameters(true, Big(n), Big(d)));
            default:
                throw new SopsException($"SSH key type '{type}' cannot be an age identity (only ssh-ed25519 and ssh-rsa can)");
        }
    }

    /// <summary>Opens an ssh-ed25519 or ssh-rsa stanza meant for this key; null when the stanza is for another key.</summary>
    internal byte[]? Unwrap(AgeStanza stanza)
    {
        if (stanza.Arguments.Count == 0 || stanza.Arguments[0] != Tag)
        {
            return null;
        }

        if (stanza.Type == "ssh-ed25519" && _x25519Scalar is not null)
        {
            if (stanza.Arguments.Count != 2 || stanza.Body.Length != 32)
            {
                throw new SopsException("age: invalid ssh-ed25519 recipient stanza");
            }

            var share = AgeFile.FromBase64Raw(stanza.Arguments[1]);
            var shared = new byte[32];
            X25519.CalculateAgreement(_x25519Scalar, 0, share, 0, shared, 0);
            var ours = new byte[32];
            X25519.ScalarMultBase(_x25519Scalar, 0, ours, 0);
            return ChaChaPoly.Open(AgeSshRecipient.Ed25519WrapKey(PublicKeyWire, shared, share, ours), new byte[12], stanza.Body);
        }

        if (stanza.Type == "ssh-rsa" && _rsa is not null)
        {
            try
            {
                var oaep = new OaepEncoding(new RsaEngine(), new Sha256Digest(), new Sha256Digest(), SshKeys.Label("ssh-rsa"));
                oaep.Init(false, _rsa);
                return oaep.ProcessBlock(stanza.Body, 0, stanza.Body.Length);
            }
            catch (Org.BouncyCastle.Crypto.InvalidCipherTextException)
            {
                return null;
            }
        }

        return null;
    }

    private static Org.BouncyCastle.Math.BigInteger Big(BigInteger value) => new(1, value.ToByteArray(isUnsigned: true, isBigEndian: true));

    public override string ToString() => "age SSH identity for " + Recipient;
}
