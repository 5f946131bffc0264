using Gyre.Sops.Age;
using Gyre.Sops.Pgp;

namespace Gyre.Sops;

/// <summary>The keys a decryption may use: age identities, OpenPGP secret keys, and optionally an external gpg.</summary>
public sealed record SopsKeyring
{
    public IReadOnlyList<AgeIdentity> AgeIdentities { get; init; } = [];

    /// <summary>SSH private keys used as age identities (SOPS_AGE_SSH_PRIVATE_KEY_FILE, ~/.ssh/id_ed25519, ~/.ssh/id_rsa).</summary>
    public IReadOnlyList<AgeSshIdentity> AgeSshIdentities { get; init; } = [];

    public PgpKeys? Pgp { get; init; }

    public IPgpDecrypter? ExternalPgp { get; init; }

    /// <summary>Builds a keyring from Flux-style key material: `*.agekey` contents and `*.asc` contents.</summary>
    public static SopsKeyring FromKeyMaterial(IEnumerable<string> ageKeyFiles, IEnumerable<byte[]> pgpKeyFiles)
    {
        ArgumentNullException.ThrowIfNull(ageKeyFiles);
        ArgumentNullException.ThrowIfNull(pgpKeyFiles);
        var pgp = pgpKeyFiles.Select(k => PgpKeys.Read(k)).ToList();
        return new SopsKeyring
        {
            AgeIdentities = ageKeyFiles.SelectMany(k => AgeIdentity.ParseKeys(k)).ToList(),
            Pgp = pgp.Count == 0 ? null : PgpKeys.Combine(pgp),
        };
    }
}
