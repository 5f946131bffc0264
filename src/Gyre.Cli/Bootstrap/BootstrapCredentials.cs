using System.Text;
using Gyre.Cli.Flux;
using Gyre.Sources.Git;

namespace Gyre.Cli.Bootstrap;

/// <summary>
/// The credentials `gyre bootstrap git` uses both for its own clone and push and for the flux-system Secret the
/// GitRepository reads, keyed as Flux's: username/password (+ ca.crt) over HTTPS; identity, identity.pub,
/// known_hosts (+ password, the key's passphrase) over SSH. SSH host keys are always verified: they come from
/// --known-hosts-file or the user's ~/.ssh/known_hosts, never from trusting whatever the server presents.
/// </summary>
internal sealed class BootstrapCredentials
{
    private BootstrapCredentials(Dictionary<string, byte[]> data) => Data = data;

    /// <summary>The Secret's data, keyed as the source controller reads it.</summary>
    public IReadOnlyDictionary<string, byte[]> Data { get; }

    public GitCredentials Git => GitCredentials.FromSecret(Data);

    /// <summary>The deploy key was generated (or reused) and its access already confirmed before the clone.</summary>
    public bool KeyConfirmed { get; private init; }

    public static async Task<BootstrapCredentials> ResolveAsync(Uri url, string? username, string? password, string? privateKeyFile,
        string? knownHostsFile, string? caFile, CancellationToken cancellationToken, (byte[] Identity, byte[] PublicKey)? deployKey = null)
    {
        var data = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        if (caFile is not null)
        {
            data["ca.crt"] = await ReadAsync(caFile, "--ca-file", cancellationToken).ConfigureAwait(false);
        }

        if (url.Scheme == "ssh")
        {
            if (deployKey is { } key)
            {
                data["identity"] = key.Identity;
                data["identity.pub"] = key.PublicKey;
            }
            else if (privateKeyFile is null)
            {
                throw new CommandException("bootstrap git: an ssh:// URL needs --private-key-file or a generated deploy key", ExitCodes.Usage);
            }
            else
            {
                data["identity"] = await ReadAsync(privateKeyFile, "--private-key-file", cancellationToken).ConfigureAwait(false);
                if (File.Exists(privateKeyFile + ".pub"))
                {
                    data["identity.pub"] = await File.ReadAllBytesAsync(privateKeyFile + ".pub", cancellationToken).ConfigureAwait(false);
                }
            }

            data["known_hosts"] = knownHostsFile is not null
                ? await ReadAsync(knownHostsFile, "--known-hosts-file", cancellationToken).ConfigureAwait(false)
                : await KnownHosts.FromUserFileAsync(url, cancellationToken).ConfigureAwait(false);
            if (password is { Length: > 0 })
            {
                data["password"] = Encoding.UTF8.GetBytes(password);
            }
        }
        else if (password is { Length: > 0 })
        {
            data["username"] = Encoding.UTF8.GetBytes(username is { Length: > 0 } ? username : "git");
            data["password"] = Encoding.UTF8.GetBytes(password);
        }
        else if (privateKeyFile is not null)
        {
            throw new CommandException($"bootstrap git: --private-key-file applies to ssh:// URLs, not {url.Scheme}://; use --username and --password", ExitCodes.Usage);
        }

        return new BootstrapCredentials(data) { KeyConfirmed = deployKey is not null };
    }

    private static async Task<byte[]> ReadAsync(string path, string flag, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CommandException($"bootstrap git: {flag} {path}: cannot read it: {ex.Message}", ExitCodes.Usage);
        }
    }
}
