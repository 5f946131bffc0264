using System.CommandLine;
using System.Text.Json.Nodes;
using Gyre.Cli.Flux;
using Gyre.Cli.Output;

namespace Gyre.Cli.Commands;

/// <summary>`gyre get all` and `gyre get sources all`: one table per kind the cluster serves, names prefixed with the kind.</summary>
internal static class GetAllCommand
{
    public static Command Create(CliConsole console, string name, IReadOnlyList<FluxKind> kinds, string description)
    {
        var statusSelector = new Option<string?>("--status-selector") { Description = "Only objects whose condition has this status, e.g. ready=false" };
        var output = OutputFormat.Create();
        var command = new Command(name, description + "\n\nExamples:\n  gyre get all -A\n  gyre get all --status-selector ready=false -o yaml") { statusSelector, output };
        var cluster = ClusterOptions.AddTo(command, allNamespaces: true);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var filter = FluxRows.StatusSelector(parse.GetValue(statusSelector));
            using var client = await cluster.ConnectAsync(parse, cancellationToken).ConfigureAwait(false);
            var ns = cluster.NamespaceOf(parse);
            var format = parse.GetValue(output)!;
            var all = new List<JsonObject>();
            var tables = new List<string>();
            var served = 0;
            foreach (var kind in kinds)
            {
                // As flux does, kinds whose CRDs are not installed are skipped rather than failing the whole listing.
                if (await FluxResources.TryForAsync(client, kind, cancellationToken).ConfigureAwait(false) is not { } resource)
                {
                    continue;
                }

                served++;
                var objects = (await FluxResources.ListAsync(resource, ns, null, cancellationToken).ConfigureAwait(false)).Where(filter).ToList();
                all.AddRange(objects);
                if (objects.Count > 0)
                {
                    tables.Add(new FluxRows(kind, ns is null, kindPrefix: true).Table(objects).Render());
                }
            }

            if (served == 0)
            {
                throw new CommandException("get all: the cluster serves none of the Flux kinds; install the CRDs with `gyre install` or run `gyre up`");
            }

            if (format != OutputFormat.Table)
            {
                await console.Out.WriteAsync(OutputFormat.Write(format, all, single: false)).ConfigureAwait(false);
            }
            else if (tables.Count == 0)
            {
                await console.Error.WriteLineAsync($"no Flux objects found in {(ns is null ? "any namespace" : ns + " namespace")}").ConfigureAwait(false);
            }
            else
            {
                await console.Out.WriteAsync(string.Join("\n", tables)).ConfigureAwait(false);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
