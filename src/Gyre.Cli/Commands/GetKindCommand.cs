using System.CommandLine;
using System.Text.Json.Nodes;
using Gyre.Cli.Flux;
using Gyre.Cli.Output;
using Gyre.Kube.Dynamic;
using Gyre.Kube.Watch;

namespace Gyre.Cli.Commands;

/// <summary>`gyre get KIND [NAME]`: one Flux kind as a table, JSON or YAML; --watch prints rows as they change.</summary>
internal static class GetKindCommand
{
    public static Command Create(CliConsole console, FluxKind kind)
    {
        var name = new Argument<string?>("NAME") { Description = "One object's name; omit to list", Arity = ArgumentArity.ZeroOrOne };
        var statusSelector = new Option<string?>("--status-selector") { Description = "Only objects whose condition has this status, e.g. ready=false" };
        var watch = new Option<bool>("--watch", "-w") { Description = "After listing, print objects again as they change (until Ctrl-C)" };
        var noHeader = new Option<bool>("--no-header") { Description = "Do not print the table header" };
        var output = OutputFormat.Create();
        var plural = kind.IsSource || kind.IsImage ? kind.Command : kind.Aliases[0];
        var command = new Command(plural, $"Show {kind.Kind} objects and their status\n\nExamples:\n  gyre get {FluxResources.Plural(kind)} -A\n  gyre get {FluxResources.Plural(kind)} --status-selector ready=false\n  gyre get {FluxResources.Plural(kind)} NAME -o yaml")
        {
            name, statusSelector, watch, noHeader, output,
        };
        foreach (var alias in kind.IsImage ? [] : kind.IsSource ? kind.Aliases.Take(1) : kind.Aliases.Skip(1).Prepend(kind.Command))
        {
            command.Aliases.Add(alias);
        }

        var cluster = ClusterOptions.AddTo(command, allNamespaces: true);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var filter = FluxRows.StatusSelector(parse.GetValue(statusSelector));
            using var client = await cluster.ConnectAsync(parse, cancellationToken).ConfigureAwait(false);
            var resource = await FluxResources.ForAsync(client, kind, cancellationToken).ConfigureAwait(false);
            var ns = cluster.NamespaceOf(parse);
            List<JsonObject> objects;
            string? resourceVersion = null;
            if (parse.GetValue(name) is { } one)
            {
                objects = [await FluxResources.GetAsync(resource, kind, ns ?? ClusterOptions.DefaultNamespace, one, cancellationToken).ConfigureAwait(false)];
            }
            else
            {
                var list = await resource.ListAsync(ns, null, cancellationToken).ConfigureAwait(false);
                resourceVersion = list.ResourceVersion;
                objects = [.. list.Items.OrderBy(o => FluxObject.Namespace(o), StringComparer.Ordinal).ThenBy(o => FluxObject.Name(o), StringComparer.Ordinal)];
            }

            objects = objects.Where(filter).ToList();
            var format = parse.GetValue(output)!;
            var rows = new FluxRows(kind, ns is null, kindPrefix: false);
            if (format != OutputFormat.Table)
            {
                await console.Out.WriteAsync(OutputFormat.Write(format, objects, single: parse.GetValue(name) is not null)).ConfigureAwait(false);
            }
            else if (objects.Count == 0 && !parse.GetValue(watch))
            {
                await console.Error.WriteLineAsync($"no {kind.Kind} objects found in {(ns is null ? "any namespace" : ns + " namespace")}").ConfigureAwait(false);
                return ExitCodes.Success;
            }
            else
            {
                var text = rows.Table(objects).Render();
                await console.Out.WriteAsync(parse.GetValue(noHeader) ? text[(text.IndexOf('\n', StringComparison.Ordinal) + 1)..] : text).ConfigureAwait(false);
            }

            if (parse.GetValue(watch))
            {
                await WatchAsync(console, resource, ns, parse.GetValue(name), resourceVersion, rows, filter, format, cancellationToken).ConfigureAwait(false);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task WatchAsync(CliConsole console, ResourceClient resource, string? ns, string? name, string? resourceVersion, FluxRows rows,
        Func<JsonObject, bool> filter, string format, CancellationToken cancellationToken)
    {
        var widths = rows.Headers().Select(h => Math.Max(h.Length, 20)).ToArray();
        await console.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var options = new WatchOptions { ResourceVersion = resourceVersion, FieldSelector = name is null ? null : "metadata.name=" + name };
                await foreach (var change in resource.WatchAsync(ns, options, cancellationToken).ConfigureAwait(false))
                {
                    resourceVersion = change.ResourceVersion ?? resourceVersion;
                    if (change.Type is not (WatchEventType.Added or WatchEventType.Modified) || !filter(change.Object))
                    {
                        continue;
                    }

                    await console.Out.WriteAsync(format == OutputFormat.Table ? Table.Row(rows.Row(change.Object), widths) : OutputFormat.Write(format, [change.Object], single: true)).ConfigureAwait(false);
                    await console.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
