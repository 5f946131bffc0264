namespace Gyre.Sources.Tests.Infrastructure;

/// <summary>A throw-away OpenPGP signing key in its own GNUPGHOME, for signing test commits and tags.</summary>
public sealed class GpgKey : IDisposable
{
    private readonly TempDirectory _home = new();

    public GpgKey(string email)
    {
        Email = email;
        Shell.Run(null, "chmod", "700", _home.Path);
        Gpg("--batch", "--passphrase", "", "--quick-gen-key", $"Gyre Test <{email}>", "ed25519", "sign", "never");
        PublicKey = Gpg("--armor", "--export", email);
        Fingerprint = Gpg("--with-colons", "--fingerprint", email).Split('\n').First(l => l.StartsWith("fpr:", StringComparison.Ordinal)).Split(':')[9];
    }

    public string Email { get; }

    public string PublicKey { get; }

    public string Fingerprint { get; }

    public string Home => _home.Path;

    /// <summary>Environment for git commands that sign with this key.</summary>
    public Dictionary<string, string> SigningEnvironment => new() { ["GNUPGHOME"] = Home };

    private string Gpg(params string[] args) => Shell.Run(null, new Dictionary<string, string> { ["GNUPGHOME"] = Home }, "gpg", ["--homedir", Home, .. args]);

    public void Dispose()
    {
        try
        {
            Shell.Run(null, "gpgconf", "--homedir", Home, "--kill", "all");
        }
        finally
        {
            _home.Dispose();
        }
    }
}
