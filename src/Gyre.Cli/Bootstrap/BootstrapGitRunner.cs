using System.Text.Json.Nodes;
using Gyre.Cli.Commands;
using Gyre.Cli.Flux;
using Gyre.Cli.Install;
using Gyre.Cli.Output;
using Gyre.Kube;
using Gyre.Kube.Dynamic;

namespace Gyre.Cli.Bootstrap;

/// <summary>
/// `gyre bootstrap git`, in flux's order: clone, commit and push the component manifests, install them, create the
/// flux-system Secret, commit and push the sync manifests, apply them, and wait for the flux-system Kustomization to
/// be Ready. Every step is idempotent: a second run with the same flags makes no commit and changes nothing.
/// </summary>
internal sealed class BootstrapGitRunner(BootstrapOptions options, BootstrapCredentials credentials, Progress progress, Func<string, Task<bool>> confirm)
{
    public const string SecretName = "flux-system";
    private const string FieldManager = "gyre";
    private static readonly Progress Silent = new(new CliConsole(TextWriter.Null, TextWriter.Null, TextReader.Null));

    public async Task<int> RunAsync(KubeClient client, CancellationToken cancellationToken)
    {
        using var repository = new BootstrapRepository(options, credentials.Git);
        progress.Action($"cloning branch \"{options.Branch}\" from Git repository \"{Sources.UrlRedactor.Redact(options.Url.OriginalString)}\"");
        progress.Success(await repository.CloneAsync(cancellationToken).ConfigureAwait(false)
            ? "cloned repository"
            : $"branch \"{options.Branch}\" does not exist yet: it will be created");

        progress.Action("generating component manifests");
        var dir = options.ManifestsDirectory;
        await CommitAndPushAsync(repository, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [$"{dir}/{BootstrapManifests.Components}"] = BootstrapManifests.ComponentsYaml(options),
        }, "Add Gyre component manifests", "component manifests", cancellationToken).ConfigureAwait(false);

        progress.Action("installing components in \"" + options.Namespace + "\" namespace");
        foreach (var obj in BootstrapManifests.ComponentObjects(options))
        {
            await InstallCommand.ApplyAsync(client, obj, dryRun: false, Silent, cancellationToken).ConfigureAwait(false);
        }

        progress.Waiting("verifying installation");
        if (!await InstallCommand.DeploymentReadyAsync(client, options.Namespace, options.Timeout, cancellationToken).ConfigureAwait(false))
        {
            throw new CommandException($"bootstrap git: {InstallManifests.Name}: the Deployment is not ready after {DurationOption.Format(options.Timeout)}; " +
                $"check `kubectl -n {options.Namespace} describe deployment {InstallManifests.Name}`");
        }

        progress.Success("installed components");
        if (!credentials.KeyConfirmed && credentials.Data.TryGetValue("identity.pub", out var publicKey))
        {
            // As flux: show the key the cluster will pull with and, unless --silent, wait until the user gave it access.
            progress.Success("public key: " + System.Text.Encoding.UTF8.GetString(publicKey).Trim());
            if (!await confirm("Please give the key access to your repository").ConfigureAwait(false))
            {
                throw new CommandException("bootstrap git: aborted: the key's access was not confirmed; the components are installed, the Secret and sync manifests are not (use --silent in scripts)");
            }
        }

        await ApplyAsync(client, SecretObject(), cancellationToken).ConfigureAwait(false);
        progress.Success($"reconciled source secret \"{SecretName}\"");

        progress.Action("generating sync manifests");
        await CommitAndPushAsync(repository, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [$"{dir}/{BootstrapManifests.Sync}"] = BootstrapManifests.SyncYaml(options, SecretName),
            [$"{dir}/{BootstrapManifests.Kustomization}"] = BootstrapManifests.KustomizationYaml(),
        }, "Add Gyre sync manifests", "sync manifests", cancellationToken).ConfigureAwait(false);

        progress.Action("applying sync manifests");
        foreach (var obj in BootstrapManifests.SyncObjects(options, SecretName))
        {
            await ApplyAsync(client, obj, cancellationToken).ConfigureAwait(false);
        }

        return await WaitReadyAsync(client, cancellationToken).ConfigureAwait(false);
    }

    private async Task CommitAndPushAsync(BootstrapRepository repository, Dictionary<string, string> files, string message, string what, CancellationToken cancellationToken)
    {
        if (await repository.CommitAsync(files, message, cancellationToken).ConfigureAwait(false) is not { } commit)
        {
            progress.Success($"{what} are up to date");
            return;
        }

        progress.Success($"committed {what} to \"{options.Branch}\" (\"{commit}\")");
        progress.Action("pushing " + what + " to \"" + Sources.UrlRedactor.Redact(options.Url.OriginalString) + "\"");
        await repository.PushAsync(cancellationToken).ConfigureAwait(false);
        progress.Success($"{what} pushed");
    }

    private async Task<int> WaitReadyAsync(KubeClient client, CancellationToken cancellationToken)
    {
        var time = TimeProvider.System;
        foreach (var kind in new[] { FluxKinds.GitRepository, FluxKinds.Kustomization })
        {
            var resource = await FluxResources.ForAsync(client, kind, cancellationToken).ConfigureAwait(false);
            var reconciliation = new Reconciliation(resource, kind, options.Namespace, Up.SyncObjects.Name, progress, time);

            // As flux: ask for a reconcile now (the Kustomization may have tried before the source had an artifact).
            var token = await reconciliation.RequestAsync(resume: false, cancellationToken).ConfigureAwait(false);
            if (!await reconciliation.WaitAsync(token, options.Timeout, cancellationToken).ConfigureAwait(false))
            {
                return ExitCodes.Failure;
            }
        }

        progress.Success("bootstrap finished");
        return ExitCodes.Success;
    }

    private JsonObject SecretObject()
    {
        var data = new JsonObject();
        foreach (var (key, value) in credentials.Data.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            data[key] = Convert.ToBase64String(value);
        }

        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Secret",
            ["metadata"] = new JsonObject { ["name"] = SecretName, ["namespace"] = options.Namespace },
            ["type"] = "Opaque",
            ["data"] = data,
        };
    }

    private static async Task ApplyAsync(KubeClient client, JsonObject obj, CancellationToken cancellationToken)
    {
        try
        {
            var resource = await client.ForObjectAsync(obj, cancellationToken).ConfigureAwait(false);
            await resource.ApplyAsync(obj, new WriteOptions { FieldManager = FieldManager, Force = true }, cancellationToken).ConfigureAwait(false);
        }
        catch (KubeApiException ex)
        {
            throw new CommandException($"bootstrap git: {obj["kind"]}/{FluxObject.Name(obj)}: the API server refused it: {ex.Message}; check your permissions (cluster-admin is needed)");
        }
    }
}
