using System.Diagnostics;
using System.Text;
using Gyre.Sops;

namespace Gyre.Cli.Tests;

/// <summary>
/// Passphrase-protected OpenPGP keys: the library refuses them as Flux does, and `gyre sops decrypt` reaches them
/// through gpg and its agent, as sops does (here the agent holds the passphrase from an earlier gpg call).
/// </summary>
public sealed partial class SopsCommandTests
{
    [Fact]
    public async Task A_passphrase_protected_pgp_key_opens_through_the_gpg_agent_and_is_refused_by_the_library()
    {
        var home = Directory.CreateTempSubdirectory("gyre-gpg-pass-").FullName;
        File.SetUnixFileMode(home, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        try
        {
            const string Passphrase = "correct horse battery";
            string[] unlocked = ["--batch", "--pinentry-mode", "loopback", "--passphrase", Passphrase];
            Gpg(home, null, [.. unlocked, "--quick-gen-key", "Gyre Test <test@gyre.invalid>", "rsa2048", "cert", "never"]);
            var fingerprint = Encoding.UTF8.GetString(Gpg(home, null, "--batch", "--with-colons", "--list-secret-keys"))
                .Split('\n').First(l => l.StartsWith("fpr:", StringComparison.Ordinal)).Split(':')[9];
            Gpg(home, null, [.. unlocked, "--quick-add-key", fingerprint, "rsa2048", "encr", "never"]);
            var env = new Dictionary<string, string> { ["GNUPGHOME"] = home };
            File.WriteAllText(Path.Combine(_dir, "app.yaml"), "token: t\n");
            Assert.Equal(0, (await Sops(new(env), "encrypt", "--pgp", fingerprint, "-i", "app.yaml")).Code);

            // Unlock the key once, as a user's earlier gpg call would: the agent now holds the passphrase.
            var sealedText = Gpg(home, "unlock"u8.ToArray(), "--batch", "--armor", "--trust-model", "always", "--encrypt", "-r", fingerprint);
            Gpg(home, sealedText, [.. unlocked, "--decrypt"]);
            var decrypted = await Sops(new(env), "decrypt", "app.yaml");

            Assert.Equal(("token: t\n", 0), (decrypted.Output, decrypted.Code));
            var secretKey = Gpg(home, null, [.. unlocked, "--armor", "--export-secret-keys", fingerprint]);
            var keyring = SopsKeyring.FromKeyMaterial([], [secretKey]);
            var error = Assert.Throws<SopsException>(() => SopsDecryptor.Decrypt(File.ReadAllBytes(Path.Combine(_dir, "app.yaml")), SopsFormat.Yaml, keyring));
            Assert.Contains("is protected by a passphrase; Gyre only uses passphrase-less keys, as Flux does", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            using (var kill = Process.Start(new ProcessStartInfo("gpgconf", "--kill gpg-agent") { UseShellExecute = false, Environment = { ["GNUPGHOME"] = home } })!)
            {
                kill.WaitForExit();
            }

            Directory.Delete(home, recursive: true);
        }
    }

    private static byte[] Gpg(string home, byte[]? input, params string[] args)
    {
        var start = new ProcessStartInfo("gpg") { UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["GNUPGHOME"] = home;
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var writer = Task.Run(() =>
        {
            process.StandardInput.BaseStream.Write(input ?? []);
            process.StandardInput.Close();
        });
        var error = process.StandardError.ReadToEndAsync();
        using var output = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(output);
        writer.Wait();
        Assert.True(process.WaitForExit(120_000) && process.ExitCode == 0, "gpg " + string.Join(' ', args) + " failed: " + error.Result);
        return output.ToArray();
    }
}
