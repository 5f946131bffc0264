using System.Security.Cryptography;
using Gyre.Cli.Flux;
using Org.BouncyCastle.Crypto.Agreement;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace Gyre.Cli.Secrets;

/// <summary>
/// The client's ephemeral half of an elliptic-curve Diffie-Hellman key exchange: curve25519-sha256 (RFC 8731) or
/// ecdh-sha2-nistp256 (RFC 5656). Both hash with SHA-256 and send the shared secret as an mpint.
/// </summary>
internal abstract class SshKeyExchange : IDisposable
{
    /// <summary>What the client offers, most preferred first.</summary>
    public static readonly string[] Algorithms = ["curve25519-sha256", "curve25519-sha256@libssh.org", "ecdh-sha2-nistp256"];

    public abstract byte[] PublicKey { get; }

    public static SshKeyExchange Create(string algorithm) => algorithm.StartsWith("curve25519", StringComparison.Ordinal) ? new Curve25519() : new NistP256();

    /// <summary>The shared secret K as an unsigned big-endian integer.</summary>
    public abstract byte[] SharedSecret(byte[] serverPublicKey, string where);

    public virtual void Dispose()
    {
    }

    private sealed class Curve25519 : SshKeyExchange
    {
        private readonly X25519PrivateKeyParameters _secret = new(new SecureRandom());

        public override byte[] PublicKey => _secret.GeneratePublicKey().GetEncoded();

        public override byte[] SharedSecret(byte[] serverPublicKey, string where)
        {
            if (serverPublicKey.Length != X25519PublicKeyParameters.KeySize)
            {
                throw new CommandException($"{where}: the server's curve25519 key has {serverPublicKey.Length} bytes, not 32");
            }

            var agreement = new X25519Agreement();
            agreement.Init(_secret);
            var shared = new byte[agreement.AgreementSize];
            agreement.CalculateAgreement(new X25519PublicKeyParameters(serverPublicKey), shared, 0);
            return shared.All(b => b == 0) ? throw new CommandException($"{where}: the server's curve25519 key is degenerate") : shared;
        }
    }

    private sealed class NistP256 : SshKeyExchange
    {
        private readonly ECDiffieHellman _ecdh = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);

        public override byte[] PublicKey
        {
            get
            {
                var q = _ecdh.ExportParameters(includePrivateParameters: false).Q;
                return [0x04, .. q.X!, .. q.Y!];
            }
        }

        public override byte[] SharedSecret(byte[] serverPublicKey, string where)
        {
            if (serverPublicKey.Length != 65 || serverPublicKey[0] != 0x04)
            {
                throw new CommandException($"{where}: the server's nistp256 key is not an uncompressed point");
            }

            try
            {
                using var server = ECDiffieHellman.Create(new ECParameters
                {
                    Curve = ECCurve.NamedCurves.nistP256,
                    Q = new ECPoint { X = serverPublicKey[1..33], Y = serverPublicKey[33..] },
                });
                return _ecdh.DeriveRawSecretAgreement(server.PublicKey);
            }
            catch (CryptographicException ex)
            {
                throw new CommandException($"{where}: the server's nistp256 key is invalid: {ex.Message}");
            }
        }

        public override void Dispose()
        {
            _ecdh.Dispose();
            base.Dispose();
        }
    }
}
