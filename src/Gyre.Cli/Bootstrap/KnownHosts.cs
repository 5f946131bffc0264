using System.Diagnostics;
using Gyre.Cli.Flux;

namespace Gyre.Cli.Bootstrap;

/// <summary>Finds a Git host's keys in the user's ~/.ssh/known_hosts (hashed entries included) with `ssh-keygen -F`.</summary>
internal static class KnownHosts
{
    public static async Task<byte[]> FromUserFileAsync(Uri url, CancellationToken cancellationToken)
    {
        var host = url.Port is -1 or 22 ? url.Host : $"[{url.Host}]:{url.Port}";
        var file = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ssh", "known_hosts");
        var lines = new List<string>();
        if (File.Exists(file))
        {
            var start = new ProcessStartInfo("ssh-keygen") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[] { "-F", host, "-f", file })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new CommandException("bootstrap git: cannot run ssh-keygen; install OpenSSH or pass --known-hosts-file");
            var output = await process.StandardOutput.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            if (process.ExitCode == 0)
            {
                lines.AddRange(output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => !l.StartsWith('#')));
            }
        }

        return lines.Count > 0
            ? System.Text.Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n")
            : throw new CommandException($"bootstrap git: the SSH host key of {host} is unknown (not in {file}); host keys are always verified: " +
                $"check the key's fingerprint with the Git host, then add it (`ssh-keyscan -p {(url.Port is -1 ? 22 : url.Port)} {url.Host} >> ~/.ssh/known_hosts`) " +
                "or pass --known-hosts-file");
    }
}
