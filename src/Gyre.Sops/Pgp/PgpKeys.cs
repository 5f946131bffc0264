using Org.BouncyCastle.Bcpg.OpenPgp;

namespace Gyre.Sops.Pgp;

/// <summary>
/// OpenPGP keys read from armored or binary key material (a Flux `*.asc` Secret entry, `gpg --export-secret-keys`):
/// secret keys decrypt data keys (passphrase-less, as Flux allows), public keys encrypt them.
/// </summary>
public sealed class PgpKeys
{
    private readonly List<PgpSecretKeyRing> _secretRings = [];
    private readonly List<PgpPublicKeyRing> _publicRings = [];

    /// <summary>Reads every key ring in the material; secret rings also provide their public keys.</summary>
    public static PgpKeys Read(byte[] keyMaterial, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(keyMaterial);
        var keys = new PgpKeys();
        try
        {
            using var input = PgpUtilities.GetDecoderStream(new MemoryStream(keyMaterial));
            var factory = new PgpObjectFactory(input);
            object? next;
            while ((next = factory.NextPgpObject()) is not null)
            {
                switch (next)
                {
                    case PgpSecretKeyRing secret:
                        keys._secretRings.Add(secret);
                        break;
                    case PgpPublicKeyRing pub:
                        keys._publicRings.Add(pub);
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or PgpException)
        {
            throw new SopsException("could not read OpenPGP keys: " + ex.Message, source, innerException: ex);
        }

        if (keys._secretRings.Count == 0 && keys._publicRings.Count == 0)
        {
            throw new SopsException("no OpenPGP keys found in the key material", source);
        }

        return keys;
    }

    /// <summary>Combines several key sources.</summary>
    public static PgpKeys Combine(IEnumerable<PgpKeys> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var keys = new PgpKeys();
        foreach (var source in sources)
        {
            keys._secretRings.AddRange(source._secretRings);
            keys._publicRings.AddRange(source._publicRings);
        }

        return keys;
    }

    /// <summary>Fingerprints (upper-case hex) of the primary keys that have secret material.</summary>
    public IEnumerable<string> SecretFingerprints =>
        _secretRings.Select(r => Convert.ToHexString(r.GetPublicKey().GetFingerprint()));

    internal PgpSecretKey? FindSecretKey(long keyId)
    {
        foreach (var ring in _secretRings)
        {
            var key = ring.GetSecretKey(keyId);
            if (key is not null)
            {
                return key;
            }
        }

        return null;
    }

    /// <summary>The encryption-capable public key of the key whose fingerprint (or key id suffix) matches.</summary>
    internal PgpPublicKey? FindEncryptionKey(string fingerprint)
    {
        var wanted = fingerprint.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        var rings = _publicRings.Select(r => r.GetPublicKeys().Cast<PgpPublicKey>().ToList())
            .Concat(_secretRings.Select(r => r.GetSecretKeys().Cast<PgpSecretKey>().Select(k => k.PublicKey).ToList()));
        foreach (var ring in rings)
        {
            var primary = Convert.ToHexString(ring[0].GetFingerprint());
            if (!primary.EndsWith(wanted, StringComparison.Ordinal) && !ring.Any(k => Convert.ToHexString(k.GetFingerprint()).EndsWith(wanted, StringComparison.Ordinal)))
            {
                continue;
            }

            return ring.LastOrDefault(k => k.IsEncryptionKey && !k.HasRevocation()) ?? ring[0];
        }

        return null;
    }
}
