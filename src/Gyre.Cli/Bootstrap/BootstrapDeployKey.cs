using System.Text;
using Gyre.Cli.Flux;
using Gyre.Cli.Output;
using Gyre.Cli.Secrets;
using Gyre.Kube;

namespace Gyre.Cli.Bootstrap;

/// <summary>
/// The deploy key of `gyre bootstrap git` over SSH without --private-key-file. A first run generates one (as flux,
/// ecdsa P-384 unless --ssh-key-algorithm says otherwise), prints it and, unless --silent, waits until the user says
/// the key has access: Gyre clones and pushes with it, so it needs write access. A later run reuses the key the
/// flux-system Secret already holds, so the key given access stays the one in use.
/// </summary>
internal static class BootstrapDeployKey
{
    public static async Task<(byte[] Identity, byte[] PublicKey)> ResolveAsync(KubeClient client, string ns, SshKeyPair generate, Progress progress,
        Func<string, Task<bool>> confirm, CancellationToken cancellationToken)
    {
        var secrets = await client.ForKindAsync("v1", "Secret", cancellationToken).ConfigureAwait(false);
        progress.Action($"determining if source secret \"{ns}/{BootstrapGitRunner.SecretName}\" exists");
        try
        {
            var existing = await secrets.GetAsync(ns, BootstrapGitRunner.SecretName, cancellationToken).ConfigureAwait(false);
            if (existing?["data"]?["identity"] is { } identity && existing["data"]?["identity.pub"] is { } publicKey)
            {
                progress.Success("using the deploy key of the existing source secret");
                return (Convert.FromBase64String((string)identity!), Convert.FromBase64String((string)publicKey!));
            }
        }
        catch (KubeApiException ex) when (ex.IsNotFound)
        {
            // No Secret yet: a new key below.
        }

        progress.Action("generating source secret");
        progress.Success("public key: " + generate.PublicKeyLine.Trim());
        if (!await confirm("Please give the key access to your repository (Gyre pushes with it, so it needs write access)").ConfigureAwait(false))
        {
            throw new CommandException("bootstrap git: aborted: the deploy key's access was not confirmed; nothing was changed");
        }

        return (Encoding.UTF8.GetBytes(generate.PrivateKeyPem), Encoding.UTF8.GetBytes(generate.PublicKeyLine));
    }
}
