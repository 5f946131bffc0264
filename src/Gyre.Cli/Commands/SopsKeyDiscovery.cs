using Gyre.Sops;
using Gyre.Sops.Age;

namespace Gyre.Cli.Commands;

/// <summary>
/// Finds keys where sops finds them: age identities from SOPS_AGE_KEY, SOPS_AGE_KEY_FILE and the default keys file
/// ($XDG_CONFIG_HOME/sops/age/keys.txt, else ~/.config/sops/age/keys.txt), passphrase-protected ones included; SSH keys
/// as age identities (SOPS_AGE_SSH_PRIVATE_KEY_FILE, ~/.ssh/id_ed25519, ~/.ssh/id_rsa); OpenPGP through `gpg` and GNUPGHOME.
/// </summary>
internal static class SopsKeyDiscovery
{
    private static readonly string[] DefaultSshKeys = ["id_ed25519", "id_rsa"];

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

            identities.AddRange(ReadKeys(keyFile, environment));
        }

        var defaultFile = DefaultKeysFile(environment);
        if (defaultFile is not null && File.Exists(defaultFile))
        {
            identities.AddRange(ReadKeys(defaultFile, environment));
        }

        return new SopsKeyring { AgeIdentities = identities, AgeSshIdentities = SshIdentities(environment), ExternalPgp = GnuPg.Find(environment) };
    }

    // As sops 3.10+: SOPS_AGE_SSH_PRIVATE_KEY_FILE, then ~/.ssh/id_ed25519 and ~/.ssh/id_rsa when they exist.
    private static List<AgeSshIdentity> SshIdentities(SopsEnvironment environment)
    {
        var files = new List<string>();
        if (environment.Get("SOPS_AGE_SSH_PRIVATE_KEY_FILE") is { } sshFile)
        {
            files.Add(File.Exists(sshFile) ? sshFile : throw new SopsException("SOPS_AGE_SSH_PRIVATE_KEY_FILE points to a file that does not exist", sshFile));
        }

        if (environment.Get("HOME") is { } home)
        {
            files.AddRange(DefaultSshKeys.Select(n => Path.Combine(home, ".ssh", n)).Where(File.Exists));
        }

        return files.Select(f => AgeSshIdentity.Parse(File.ReadAllText(f), f)).ToList();
    }

    // A keys file written by `age -p` is itself encrypted: as sops, ask for its passphrase on the terminal.
    private static IReadOnlyList<AgeIdentity> ReadKeys(string file, SopsEnvironment environment)
    {
        var bytes = File.ReadAllBytes(file);
        if (!AgeIdentity.IsEncryptedKeys(bytes))
        {
            return AgeIdentity.ParseKeys(System.Text.Encoding.UTF8.GetString(bytes), file);
        }

        var passphrase = environment.ReadPassphrase?.Invoke($"Enter passphrase for identity '{file}': ")
            ?? throw new SopsException("the age identity file is passphrase-protected and there is no terminal to ask for the passphrase", file);
        return AgeIdentity.ParseEncryptedKeys(bytes, passphrase, file);
    }

    private static string? DefaultKeysFile(SopsEnvironment environment)
    {
        var config = environment.Get("XDG_CONFIG_HOME")
            ?? (environment.Get("HOME") is { } home ? Path.Combine(home, ".config") : null);
        return config is null ? null : Path.Combine(config, "sops", "age", "keys.txt");
    }
}
