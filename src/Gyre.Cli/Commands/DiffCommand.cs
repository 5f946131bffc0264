using System.CommandLine;
using System.Text.Json.Nodes;
using Gyre.Api.Kustomize;
using Gyre.Cli.Build;
using Gyre.Cli.Flux;
using Gyre.Cli.Output;
using Gyre.Kube;
using Gyre.Kube.Dynamic;
using Gyre.Manifests;

namespace Gyre.Cli.Commands;

/// <summary>
/// `gyre diff kustomization NAME --path DIR`: builds locally as the controller would, dry-runs each object through
/// server-side apply, and prints what would be created, changed or pruned; exit 1 when anything differs.
/// </summary>
internal static class DiffCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("diff", "Compare local changes with the cluster\n\nExample:\n  gyre diff kustomization apps --path ./apps/production");
        var name = new Argument<string>("NAME") { Description = "The Kustomization in the cluster" };
        var path = new Option<string>("--path") { Description = "Local directory to build", Required = true };
        var kustomization = new Command("kustomization", """
            Show what applying a local directory through a Kustomization would change (server-side dry run); exit 1 on differences

            Example:
              gyre diff kustomization apps --path ./apps/production && echo "no drift"
            """)
        {
            name, path,
        };
        kustomization.Aliases.Add("ks");
        var cluster = ClusterOptions.AddTo(kustomization);
        kustomization.SetAction(async (parse, cancellationToken) =>
        {
            using var client = await cluster.ConnectAsync(parse, cancellationToken).ConfigureAwait(false);
            var resource = await FluxResources.ForAsync(client, FluxKinds.Kustomization, cancellationToken).ConfigureAwait(false);
            var ks = new KubeObject(await FluxResources.GetAsync(resource, FluxKinds.Kustomization, cluster.NamespaceOf(parse)!, parse.GetValue(name)!, cancellationToken).ConfigureAwait(false));
            var objects = await LocalKustomizationBuild.BuildAsync(client, ks, parse.GetValue(path)!, cancellationToken).ConfigureAwait(false);
            var progress = new Progress(console);
            var differences = 0;
            foreach (var obj in objects)
            {
                differences += await DiffAsync(client, obj, console, cancellationToken).ConfigureAwait(false) ? 1 : 0;
            }

            if (KustomizationSpec.From(ks).Prune)
            {
                var built = objects.Select(o => o.Ref.InventoryId).ToHashSet(StringComparer.Ordinal);
                foreach (var entry in (ks.Json["status"]?["inventory"]?["entries"] as JsonArray)?.OfType<JsonObject>() ?? [])
                {
                    if ((string?)entry["id"] is { Length: > 0 } id && !built.Contains(id))
                    {
                        await console.Out.WriteLineAsync($"► {ObjectRef.FromInventoryId(id)} deleted").ConfigureAwait(false);
                        differences++;
                    }
                }
            }

            if (differences == 0)
            {
                progress.Success("no differences: the cluster matches the local build");
                return ExitCodes.Success;
            }

            progress.Warning($"{differences} object(s) differ");
            return ExitCodes.Failure;
        });
        command.Subcommands.Add(kustomization);
        return command;
    }

    private static async Task<bool> DiffAsync(KubeClient client, KubeObject obj, CliConsole console, CancellationToken cancellationToken)
    {
        var resource = await client.ForObjectAsync(obj, cancellationToken).ConfigureAwait(false);
        var ns = resource.Resource.Namespaced ? obj.Namespace : null;
        JsonObject live;
        try
        {
            live = await resource.GetAsync(ns, obj.Name, cancellationToken).ConfigureAwait(false);
        }
        catch (KubeApiException ex) when (ex.IsNotFound)
        {
            await console.Out.WriteLineAsync($"► {obj.Ref} created").ConfigureAwait(false);
            return true;
        }

        var merged = await resource.ApplyAsync(obj.Json, new WriteOptions { FieldManager = "kustomize-controller", Force = true, DryRun = true }, cancellationToken).ConfigureAwait(false);
        var changes = ObjectDiff.Compare(live, merged);
        if (changes.Count == 0)
        {
            return false;
        }

        await console.Out.WriteLineAsync($"► {obj.Ref} drifted").ConfigureAwait(false);
        foreach (var (field, before, after) in changes)
        {
            await console.Out.WriteLineAsync($"  {field}\n    - {before ?? "<none>"}\n    + {after ?? "<none>"}").ConfigureAwait(false);
        }

        return true;
    }
}
