using System.Diagnostics;

namespace Gyre.Sources.Git;

/// <summary>
/// Verifies commit and tag signatures against the keys of spec.verify.secretRef, as source-controller does: OpenPGP
/// keys (<c>*.asc</c>) are imported into a throw-away GNUPGHOME, SSH public keys (<c>*.sshpub</c>, authorized_keys
/// format) become an allowed-signers file, and <c>git verify-commit</c> / <c>git verify-tag</c> decide.
/// </summary>
internal sealed class GitSignatureVerifier(GitCommand git)
{
    public async Task<string> VerifyAsync(
        string directory, string location, string commit, string? tagRef, GitVerification verification, GitEnvironment environment,
        TimeSpan timeout, CancellationToken cancellationToken)
    {
        var keys = verification.Keys.Where(k => k.Key.EndsWith(".asc", StringComparison.Ordinal)).ToList();
        var sshKeys = verification.Keys.Where(k => k.Key.EndsWith(".sshpub", StringComparison.Ordinal)).ToList();
        if (keys.Count == 0 && sshKeys.Count == 0)
        {
            throw Failed(location, "the verification Secret has no '*.asc' OpenPGP or '*.sshpub' SSH public keys");
        }

        // Beside the checkout (an absolute path with a parent), so it is deleted with the rest of the scratch space.
        var home = Path.Combine(Path.GetDirectoryName(directory)!, Path.GetFileName(directory) + ".gnupg");
        PrivateDirectory.Create(home);
        try
        {
            foreach (var (name, key) in keys)
            {
                var file = Path.Combine(home, "key-" + Guid.NewGuid().ToString("N") + ".asc");
                await File.WriteAllBytesAsync(file, key, cancellationToken).ConfigureAwait(false);
                await ImportAsync(home, file, location, name, cancellationToken).ConfigureAwait(false);
            }

            if (sshKeys.Count > 0)
            {
                var allowed = Path.Combine(home, "allowed_signers");
                await File.WriteAllTextAsync(allowed, AllowedSigners(sshKeys), cancellationToken).ConfigureAwait(false);
                environment.Config("gpg.ssh.allowedSignersFile", allowed);
            }

            environment.Variable("GNUPGHOME", home);
            var verified = new List<string>();
            if (verification.VerifiesTag)
            {
                if (tagRef is null)
                {
                    throw Failed(location, "verify.mode Tag needs spec.ref.tag, spec.ref.semver or a refs/tags/ name");
                }

                await RunVerifyAsync(directory, location, ["verify-tag", "--", tagRef], environment, timeout, cancellationToken).ConfigureAwait(false);
                verified.Add($"tag '{tagRef["refs/tags/".Length..]}'");
            }

            if (verification.VerifiesHead)
            {
                await RunVerifyAsync(directory, location, ["verify-commit", "--", commit], environment, timeout, cancellationToken).ConfigureAwait(false);
                verified.Add($"commit '{commit}'");
            }

            return "verified signature of " + string.Join(" and ", verified);
        }
        finally
        {
            environment.Variable("GNUPGHOME", "/nonexistent");
            await RunGpgAsync(["--homedir", home, "--kill", "all"], "gpgconf", CancellationToken.None).ConfigureAwait(false);
            Directory.Delete(home, recursive: true);
        }
    }

    /// <summary>Turns authorized_keys lines into allowed-signers lines valid for any principal in the git namespace.</summary>
    private static string AllowedSigners(IEnumerable<KeyValuePair<string, byte[]>> keys)
    {
        var lines = new System.Text.StringBuilder();
        foreach (var (_, content) in keys)
        {
            foreach (var line in System.Text.Encoding.UTF8.GetString(content).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var type = Array.FindIndex(parts, p => p.StartsWith("ssh-", StringComparison.Ordinal) || p.StartsWith("ecdsa-", StringComparison.Ordinal)
                    || p.StartsWith("sk-", StringComparison.Ordinal));
                if (!line.StartsWith('#') && type >= 0 && type + 1 < parts.Length)
                {
                    lines.Append("* namespaces=\"git\" ").Append(parts[type]).Append(' ').Append(parts[type + 1]).Append('\n');
                }
            }
        }

        return lines.ToString();
    }

    private async Task RunVerifyAsync(string directory, string location, string[] args, GitEnvironment environment, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await git.RunAsync(location, "git " + args[0], directory, args, environment, timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (SourceException ex) when (ex.Reason == SourceReasons.GitOperationFailed)
        {
            throw new SourceException(location, args[0] == "verify-tag" ? "verifying the tag signature" : "verifying the commit signature",
                "no valid signature from a trusted key; sign with a key from spec.verify.secretRef", SourceReasons.VerificationError, inner: ex);
        }
    }

    private static async Task ImportAsync(string home, string file, string location, string keyName, CancellationToken cancellationToken)
    {
        var exit = await RunGpgAsync(["--batch", "--quiet", "--no-tty", "--homedir", home, "--import", "--", file], "gpg", cancellationToken)
            .ConfigureAwait(false);
        if (exit != 0)
        {
            throw Failed(location, $"key '{keyName}' of the verification Secret is not a valid OpenPGP public key");
        }
    }

    /// <summary>Runs gpg or gpgconf (gpg-agent must not outlive the throw-away home, hence <c>--kill all</c>).</summary>
    private static async Task<int> RunGpgAsync(string[] args, string program, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!; // Process.Start with UseShellExecute=false returns a process or throws
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.StandardOutput.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        await stderr.ConfigureAwait(false);
        return process.ExitCode;
    }

    private static SourceException Failed(string location, string why) =>
        new(location, "verifying signatures", why, SourceReasons.VerificationError);
}
