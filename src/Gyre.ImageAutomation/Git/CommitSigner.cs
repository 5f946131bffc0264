using System.Diagnostics;
using System.Text;
using Gyre.Sources.Git;

namespace Gyre.ImageAutomation.Git;

/// <summary>
/// spec.git.commit.signingKey (type gpg): the Secret's <c>git.asc</c> private key, unlocked with its optional
/// <c>passphrase</c>, imported into a throw-away GNUPGHOME; git signs through a gpg wrapper that feeds the passphrase
/// from a 0600 file in that home (never argv, never the environment of other processes). Disposing stops the
/// gpg-agent and deletes the home.
/// </summary>
public sealed class CommitSigner : IAsyncDisposable
{
    private readonly byte[] _armoredKey;
    private readonly string? _passphrase;
    private readonly string _home;

    /// <param name="armoredKey">The ASCII-armored OpenPGP private key (git.asc).</param>
    /// <param name="passphrase">The key's passphrase, if it has one.</param>
    /// <param name="workDirectory">Where the GNUPGHOME is created (keep it short: gpg-agent's socket lives there).</param>
    public CommitSigner(byte[] armoredKey, string? passphrase, string workDirectory)
    {
        _armoredKey = armoredKey;
        _passphrase = passphrase;
        _home = Path.Combine(workDirectory, "g" + Guid.NewGuid().ToString("N")[..10]);
    }

    /// <summary>Imports the key and returns the <c>-c</c> options that make <c>git commit -S</c> sign with it.</summary>
    internal async Task<string[]> ConfigureAsync(GitEnvironment environment, CancellationToken cancellationToken)
    {
        PrivateDirectory.Create(_home);
        var keyFile = Path.Combine(_home, "key.asc");
        await File.WriteAllBytesAsync(keyFile, _armoredKey, cancellationToken).ConfigureAwait(false);
        var passphraseFile = Path.Combine(_home, "passphrase");
        await File.WriteAllTextAsync(passphraseFile, _passphrase ?? "", cancellationToken).ConfigureAwait(false);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(passphraseFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        string[] unlock = ["--batch", "--no-tty", "--pinentry-mode", "loopback", "--passphrase-file", passphraseFile];
        var (import, _) = await GpgAsync([.. unlock, "--homedir", _home, "--import", "--", keyFile], cancellationToken).ConfigureAwait(false);
        File.Delete(keyFile);
        var (list, listing) = await GpgAsync(["--batch", "--no-tty", "--homedir", _home, "--with-colons", "--list-secret-keys"], cancellationToken).ConfigureAwait(false);
        var fingerprint = listing.Split('\n').FirstOrDefault(l => l.StartsWith("fpr:", StringComparison.Ordinal))?.Split(':')[9];
        if (import != 0 || list != 0 || string.IsNullOrEmpty(fingerprint))
        {
            throw new ImageAutomationException("spec.git.commit.signingKey", "reading the signing key",
                "the Secret's 'git.asc' is not an OpenPGP private key (export it with gpg --export-secret-keys --armor)",
                ImageAutomationReasons.InvalidSourceConfiguration, isTransient: true);
        }

        var script = Path.Combine(_home, "gpg.sh");
        var quoted = "'" + passphraseFile.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
        await File.WriteAllTextAsync(script, $"#!/bin/sh\nexec gpg {string.Join(' ', unlock[..^1])} {quoted} \"$@\"\n", Encoding.UTF8, cancellationToken)
            .ConfigureAwait(false);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        environment.Variable("GNUPGHOME", _home);
        return ["-c", "gpg.format=openpgp", "-c", "gpg.program=" + script, "-c", "user.signingkey=" + fingerprint];
    }

    public async ValueTask DisposeAsync()
    {
        if (Directory.Exists(_home))
        {
            await GpgAsync(["--homedir", _home, "--kill", "all"], CancellationToken.None, "gpgconf").ConfigureAwait(false);
            Directory.Delete(_home, recursive: true);
        }
    }

    private static async Task<(int Exit, string Output)> GpgAsync(string[] arguments, CancellationToken cancellationToken, string program = "gpg")
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("GNUPGHOME");
        try
        {
            using var process = Process.Start(start)!; // UseShellExecute=false: a process or an exception
            process.StandardInput.Close();
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            var output = await process.StandardOutput.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            await stderr.ConfigureAwait(false);
            return (process.ExitCode, output);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new ImageAutomationException("spec.git.commit.signingKey", "signing the commit", $"cannot run {program}: {ex.Message}; install gnupg",
                ImageAutomationReasons.GitOperationFailed, inner: ex);
        }
    }
}
