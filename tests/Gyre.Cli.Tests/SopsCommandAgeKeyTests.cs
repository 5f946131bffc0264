namespace Gyre.Cli.Tests;

/// <summary>`gyre sops` finds SSH keys and passphrase-protected age identity files where sops 3.10+ finds them.</summary>
public sealed partial class SopsCommandTests
{
    private Func<string, string?>? _readPassphrase;

    [Fact]
    public async Task An_ssh_recipient_opens_with_the_ssh_key_from_the_variable_or_the_home_directory()
    {
        var publicKey = File.ReadAllText(Vector("getsops-sops/age-keysource/ssh-ed25519-identity.pub")).Trim();
        File.WriteAllText(Path.Combine(_dir, "app.yaml"), "token: t\n");
        Assert.Equal(0, (await Sops([], "encrypt", "--age", publicKey, "-i", "app.yaml")).Code);

        var byVariable = await Sops(new() { ["SOPS_AGE_SSH_PRIVATE_KEY_FILE"] = Vector("getsops-sops/age-keysource/ssh-ed25519-identity") }, "decrypt", "app.yaml");
        var withoutKey = await Sops([], "decrypt", "app.yaml");
        Directory.CreateDirectory(Path.Combine(_dir, ".ssh"));
        File.Copy(Vector("getsops-sops/age-keysource/ssh-ed25519-identity"), Path.Combine(_dir, ".ssh", "id_ed25519"));
        var byHome = await Sops([], "decrypt", "app.yaml");

        Assert.Equal(("token: t\n", 0), (byVariable.Output, byVariable.Code));
        Assert.Equal(1, withoutKey.Code);
        Assert.Equal(("token: t\n", 0), (byHome.Output, byHome.Code));
    }

    [Fact]
    public async Task A_passphrase_protected_key_file_asks_for_its_passphrase()
    {
        const string Recipient = "age1lzd99uklcjnc0e7d860axevet2cz99ce9pq6tzuzd05l5nr28ams36nvun"; // age-keysource/identity.txt
        File.WriteAllText(Path.Combine(_dir, "app.yaml"), "token: t\n");
        Assert.Equal(0, (await Sops([], "encrypt", "--age", Recipient, "-i", "app.yaml")).Code);
        var env = new Dictionary<string, string> { ["SOPS_AGE_KEY_FILE"] = Vector("getsops-sops/age-keysource/encrypted-identity.age") };

        var noTerminal = await Sops(new(env), "decrypt", "app.yaml");
        string? asked = null;
        _readPassphrase = prompt => { asked = prompt; return File.ReadAllText(Vector("getsops-sops/age-keysource/encrypted-identity.passphrase.txt")); };
        var withPassphrase = await Sops(new(env), "decrypt", "app.yaml");

        Assert.Equal(1, noTerminal.Code);
        Assert.Contains("passphrase-protected and there is no terminal", noTerminal.Error, StringComparison.Ordinal);
        Assert.Equal(("token: t\n", 0), (withPassphrase.Output, withPassphrase.Code));
        Assert.Contains("encrypted-identity.age", asked, StringComparison.Ordinal);
    }
}
