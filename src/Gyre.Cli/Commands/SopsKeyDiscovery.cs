using Gyre.Sops;
using Gyre.Sops.Age;

namespace Gyre.Cli.Commands;

/// <summary>
/// Finds keys where sops finds them: age identities from SOPS_AGE_KEY, SOPS_AGE_KEY_FILE and the default keys file
/// ($XDG_CONFIG_HOME/sops/age/keys.txt, else ~/.config/sops/age/keys.txt); OpenPGP through `gpg` and GNUPGHOME.
/// </summary>
internal static class SopsKeyDiscovery
{
    public static SopsKeyring Discover(SopsEnvironment environment)
    {
        var identities = new List<AgeIdentity>();
        if (environment.Get("SOPS_AGE_KEY") is { } inline)
        {
            identities.AddRange(AgeIdentity.ParseKeys(inline, "SOPS_AGE_KEY"));
        }

        if (environment.Get("SOPS_AGE_KEY_FILE") is { } keyFile)
        {
            if (!File.Exists(keyFile))
            {
                throw new SopsException($"SOPS_AGE_KEY_FILE points to a file that does not exist", keyFile);
            }

            identities.AddRange(AgeIdentity.ParseKeys(File.ReadAllText(keyFile), keyFile));
        }

        var defaultFile = DefaultKeysFile(environment);
        if (defaultFile is not null && File.Exists(defaultFile))
        {
            identities.AddRange(AgeIdentity.ParseKeys(File.ReadAllText(defaultFile), defaultFile));
        }

        return new SopsKeyring { AgeIdentities = identities, ExternalPgp = GnuPg.Find(environment) };
    }

    private static string? DefaultKeysFile(SopsEnvironment environment)
    {
        var config = environment.Get("XDG_CONFIG_HOME")
            ?? (environment.Get("HOME") is { } home ? Path.Combine(home, ".config") : null);
        return config is null ? null : Path.Combine(config, "sops", "age", "keys.txt");
    }
}
