using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Encodings;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math.EC.Rfc7748;
using Org.BouncyCastle.Security;

namespace Gyre.Sops.Age;

/// <summary>An SSH public key used as an age recipient ("ssh-ed25519 AAAA…" or "ssh-rsa AAAA…"), as sops accepts in --age.</summary>
internal sealed class AgeSshRecipient
{
    private readonly byte[] _wire;
    private readonly string _type;

    private AgeSshRecipient(byte[] wire)
    {
        _wire = wire;
        _type = new SshWire(wire).Text();
    }

    public static bool IsSsh(string recipient) => recipient.StartsWith("ssh-", StringComparison.Ordinal);

    public static AgeSshRecipient Parse(string line) => new(SshKeys.ParsePublicLine(line));

    /// <summary>The stanza that wraps the file key for this key: (type, arguments, body).</summary>
    public (string Type, string[] Arguments, byte[] Body) Wrap(byte[] fileKey)
    {
        var reader = new SshWire(_wire);
        reader.Text();
        if (_type == "ssh-ed25519")
        {
            var theirs = SshKeys.Ed25519ToX25519(reader.Bytes());
            var ephemeral = RandomNumberGenerator.GetBytes(32);
            var share = new byte[32];
            X25519.ScalarMultBase(ephemeral, 0, share, 0);
            var shared = new byte[32];
            X25519.CalculateAgreement(ephemeral, 0, theirs, 0, shared, 0);
            var body = ChaChaPoly.Seal(Ed25519WrapKey(_wire, shared, share, theirs), new byte[12], fileKey);
            return (_type, [SshKeys.Tag(_wire), AgeFile.Base64Raw(share)], body);
        }

        var e = reader.MpInt();
        var n = reader.MpInt();
        var oaep = new OaepEncoding(new RsaEngine(), new Sha256Digest(), new Sha256Digest(), SshKeys.Label("ssh-rsa"));
        oaep.Init(true, new ParametersWithRandom(
            new RsaKeyParameters(false, new(1, n.ToByteArray(isUnsigned: true, isBigEndian: true)), new(1, e.ToByteArray(isUnsigned: true, isBigEndian: true))),
            new SecureRandom()));
        return (_type, [SshKeys.Tag(_wire)], oaep.ProcessBlock(fileKey, 0, fileKey.Length));
    }

    /// <summary>
    /// agessh's ed25519 wrapping key: the X25519 shared secret is tweaked by a scalar derived from the SSH public key
    /// (HKDF-SHA256 with the key as salt), then HKDF-SHA256 over (ephemeral share || recipient's X25519 key).
    /// </summary>
    internal static byte[] Ed25519WrapKey(byte[] publicKeyWire, byte[] shared, byte[] share, byte[] recipientX25519)
    {
        var label = SshKeys.Label("ssh-ed25519");
        var tweak = HKDF.DeriveKey(HashAlgorithmName.SHA256, [], 32, publicKeyWire, label);
        var tweaked = new byte[32];
        X25519.CalculateAgreement(tweak, 0, shared, 0, tweaked, 0);
        return HKDF.DeriveKey(HashAlgorithmName.SHA256, tweaked, 32, [.. share, .. recipientX25519], label);
    }
}
