using System.CommandLine;
using Gyre.Api.Crds;
using Gyre.Cli.Flux;
using Gyre.Cli.Install;
using Gyre.Cli.Output;
using Gyre.Kube;
using Gyre.Kube.Dynamic;

namespace Gyre.Cli.Commands;

/// <summary>
/// `gyre uninstall`: as `flux uninstall`, removes the Flux objects without pruning what they applied (finalizers are
/// dropped first, so workloads keep running), then the controller, RBAC, CRDs and namespace.
/// </summary>
internal static class UninstallCommand
{
    public static Command Create(CliConsole console)
    {
        var silent = new Option<bool>("--silent", "-s") { Description = "Do not ask for confirmation" };
        var keepNamespace = new Option<bool>("--keep-namespace") { Description = "Leave the namespace in place" };
        var command = new Command("uninstall", """
            Remove Gyre (and Flux objects) from a cluster; workloads the objects applied are kept

            Example:
              gyre uninstall --silent
            """)
        {
            silent, keepNamespace,
        };
        var cluster = ClusterOptions.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var ns = cluster.NamespaceOf(parse)!;
            if (!parse.GetValue(silent))
            {
                await console.Error.WriteAsync($"Are you sure you want to delete Gyre and every Flux object from the cluster (namespace {ns})? [y/N] ").ConfigureAwait(false);
                var answer = (await console.In.ReadLineAsync(cancellationToken).ConfigureAwait(false))?.Trim();
                if (!string.Equals(answer, "y", StringComparison.OrdinalIgnoreCase) && !string.Equals(answer, "yes", StringComparison.OrdinalIgnoreCase))
                {
                    await console.Error.WriteLineAsync("✗ uninstall: not confirmed; nothing deleted (use --silent in scripts)").ConfigureAwait(false);
                    return ExitCodes.Failure;
                }
            }

            var progress = new Progress(console);
            using var client = await cluster.ConnectAsync(parse, cancellationToken).ConfigureAwait(false);
            foreach (var kind in FluxKinds.All)
            {
                if (await FluxResources.TryForAsync(client, kind, cancellationToken).ConfigureAwait(false) is not { } resource)
                {
                    continue;
                }

                foreach (var obj in await FluxResources.ListAsync(resource, null, null, cancellationToken).ConfigureAwait(false))
                {
                    var (objNs, name) = (FluxObject.Namespace(obj), FluxObject.Name(obj));
                    await IgnoreNotFound(resource.PatchAsync(objNs, name, PatchType.Merge, """{"metadata":{"finalizers":null}}""", null, cancellationToken)).ConfigureAwait(false);
                    await IgnoreNotFound(resource.DeleteAsync(objNs, name, null, cancellationToken)).ConfigureAwait(false);
                    progress.Success($"{kind.Kind}/{objNs}/{name} deleted");
                }
            }

            var keep = parse.GetValue(keepNamespace);
            foreach (var obj in InstallManifests.Create(ns, InstallManifests.DefaultImage, "unused").Reverse())
            {
                var kind = (string?)obj["kind"];
                if (kind == "Namespace" && keep)
                {
                    continue;
                }

                var resource = await client.ForObjectAsync(obj, cancellationToken).ConfigureAwait(false);
                var objNs = FluxObject.Namespace(obj);
                if (await IgnoreNotFound(resource.DeleteAsync(objNs.Length == 0 ? null : objNs, FluxObject.Name(obj), new DeleteOptions { PropagationPolicy = PropagationPolicy.Background }, cancellationToken)).ConfigureAwait(false))
                {
                    progress.Success($"{kind}/{FluxObject.Name(obj)} deleted");
                }
            }

            progress.Success($"uninstall finished ({FluxCrds.All().Count} CRDs removed)");
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<bool> IgnoreNotFound(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
            return true;
        }
        catch (KubeApiException ex) when (ex.IsNotFound)
        {
            return false;
        }
    }
}
