using System.CommandLine;
using System.Text.Json.Nodes;
using Gyre.Cli.Flux;
using Gyre.Cli.Output;
using Gyre.Kube;
using Gyre.Manifests;

namespace Gyre.Cli.Commands;

/// <summary>`gyre tree kustomization NAME`: the objects a Kustomization applied, following nested Kustomizations and HelmReleases (their release's objects).</summary>
internal static class TreeCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("tree", "Print the objects Flux applied as a tree\n\nExample:\n  gyre tree kustomization flux-system");
        var name = new Argument<string>("NAME") { Description = "The Kustomization's name" };
        var output = OutputFormat.Create();
        var kustomization = new Command("kustomization", """
            Print a Kustomization's inventory as a tree, following the Kustomizations and HelmReleases it applied

            Examples:
              gyre tree kustomization flux-system
              gyre tree ks apps -n flux-system -o json
            """)
        {
            name, output,
        };
        kustomization.Aliases.Add("ks");
        var cluster = ClusterOptions.AddTo(kustomization);
        kustomization.SetAction(async (parse, cancellationToken) =>
        {
            using var client = await cluster.ConnectAsync(parse, cancellationToken).ConfigureAwait(false);
            var resource = await FluxResources.ForAsync(client, FluxKinds.Kustomization, cancellationToken).ConfigureAwait(false);
            var ns = cluster.NamespaceOf(parse)!;
            await FluxResources.GetAsync(resource, FluxKinds.Kustomization, ns, parse.GetValue(name)!, cancellationToken).ConfigureAwait(false);
            var root = await NodeAsync(client, FluxKinds.Kustomization, $"Kustomization/{ns}/{parse.GetValue(name)}", ns, parse.GetValue(name)!, [], cancellationToken).ConfigureAwait(false);
            var format = parse.GetValue(output)!;
            if (format == OutputFormat.Table)
            {
                var lines = new List<string>();
                Print(root, string.Empty, string.Empty, lines);
                await console.Out.WriteAsync(string.Join('\n', lines) + "\n").ConfigureAwait(false);
            }
            else
            {
                await console.Out.WriteAsync(OutputFormat.Write(format, [root], single: true)).ConfigureAwait(false);
            }

            return ExitCodes.Success;
        });
        command.Subcommands.Add(kustomization);
        return command;
    }

    // A Kustomization or HelmRelease node: its inventory, Kustomizations and HelmReleases in it followed recursively.
    private static async Task<JsonObject> NodeAsync(KubeClient client, FluxKind kind, string label, string ns, string name, HashSet<string> seen, CancellationToken cancellationToken)
    {
        var node = new JsonObject { ["resource"] = label };
        if (!seen.Add(label) || await FluxResources.TryForAsync(client, kind, cancellationToken).ConfigureAwait(false) is not { } resource)
        {
            return node;
        }

        JsonObject obj;
        try
        {
            obj = await resource.GetAsync(ns, name, cancellationToken).ConfigureAwait(false);
        }
        catch (KubeApiException ex) when (ex.IsNotFound)
        {
            return node;
        }

        var children = new JsonArray();
        foreach (var item in await Inventory.ReadAsync(client, obj, kind, cancellationToken).ConfigureAwait(false))
        {
            var nested = item switch
            {
                { Kind: "Kustomization", Group: "kustomize.toolkit.fluxcd.io" } => FluxKinds.Kustomization,
                { Kind: "HelmRelease", Group: "helm.toolkit.fluxcd.io" } => FluxKinds.HelmRelease,
                _ => null,
            };
            children.Add(nested is null
                ? new JsonObject { ["resource"] = item.ToString() }
                : await NodeAsync(client, nested, item.ToString(), item.Namespace, item.Name, seen, cancellationToken).ConfigureAwait(false));
        }

        if (children.Count > 0)
        {
            node["resources"] = children;
        }

        return node;
    }

    private static void Print(JsonObject node, string prefix, string childPrefix, List<string> lines)
    {
        lines.Add(prefix + (string?)node["resource"]);
        var children = (node["resources"] as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
        for (var i = 0; i < children.Count; i++)
        {
            var last = i == children.Count - 1;
            Print(children[i], childPrefix + (last ? "└── " : "├── "), childPrefix + (last ? "    " : "│   "), lines);
        }
    }
}
