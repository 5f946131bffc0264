using System.CommandLine;
using System.Text.Json.Nodes;
using Gyre.Cli.Flux;
using Gyre.Cli.Output;
using Gyre.Kube.Watch;

namespace Gyre.Cli.Commands;

/// <summary>`gyre events`: the Kubernetes events of Flux objects (or of one object with --for), oldest first.</summary>
internal static class EventsCommand
{
    public static Command Create(CliConsole console)
    {
        var forObject = new Option<string?>("--for") { Description = "Only events of this object, Kind/name (e.g. Kustomization/apps)" };
        var types = new Option<string?>("--types") { Description = "Only events of these types, comma-separated: Normal, Warning" };
        var watch = new Option<bool>("--watch", "-w") { Description = "After listing, print new events until Ctrl-C" };
        var output = OutputFormat.Create();
        var command = new Command("events", """
            Show the events the controllers recorded for Flux objects

            Examples:
              gyre events
              gyre events --for Kustomization/apps --types Warning
              gyre events -A --watch
            """)
        {
            forObject, types, watch, output,
        };
        var cluster = ClusterOptions.AddTo(command, allNamespaces: true);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var filter = Filter(parse.GetValue(forObject), parse.GetValue(types));
            using var client = await cluster.ConnectAsync(parse, cancellationToken).ConfigureAwait(false);
            var resource = await client.ForKindAsync("v1", "Event", cancellationToken).ConfigureAwait(false);
            var ns = cluster.NamespaceOf(parse);
            var list = await resource.ListAsync(ns, null, cancellationToken).ConfigureAwait(false);
            var events = list.Items.Where(filter).OrderBy(Timestamp, StringComparer.Ordinal).ToList();
            var format = parse.GetValue(output)!;
            var allNamespaces = ns is null;
            var now = DateTimeOffset.UtcNow;
            if (format != OutputFormat.Table)
            {
                await console.Out.WriteAsync(OutputFormat.Write(format, events, single: false)).ConfigureAwait(false);
            }
            else if (events.Count == 0)
            {
                await console.Error.WriteLineAsync($"no events found in {(allNamespaces ? "any namespace" : ns + " namespace")}").ConfigureAwait(false);
            }
            else
            {
                var table = new Table(allNamespaces ? ["NAMESPACE", "LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"] : ["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"]);
                foreach (var e in events)
                {
                    table.Add(Row(e, allNamespaces, now));
                }

                await console.Out.WriteAsync(table.Render()).ConfigureAwait(false);
            }

            if (parse.GetValue(watch))
            {
                try
                {
                    await foreach (var change in resource.WatchAsync(ns, new WatchOptions { ResourceVersion = list.ResourceVersion }, cancellationToken).ConfigureAwait(false))
                    {
                        if (change.Type is WatchEventType.Added or WatchEventType.Modified && filter(change.Object))
                        {
                            await console.Out.WriteLineAsync(string.Join("   ", Row(change.Object, allNamespaces, DateTimeOffset.UtcNow))).ConfigureAwait(false);
                            await console.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
                        }
                    }
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Func<JsonObject, bool> Filter(string? forObject, string? types)
    {
        string? kind = null, name = null;
        if (forObject is not null)
        {
            var parts = forObject.Split('/', 2);
            if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
            {
                throw new CommandException($"--for '{forObject}': expected Kind/name, e.g. Kustomization/apps", ExitCodes.Usage);
            }

            (kind, name) = (FluxKinds.ByKind(parts[0])?.Kind ?? parts[0], parts[1]);
        }

        var allowed = types?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return e =>
        {
            var involvedKind = (string?)e["involvedObject"]?["kind"] ?? string.Empty;
            var matches = kind is null
                ? FluxKinds.ByKind(involvedKind) is { } k && k.Kind == involvedKind
                : string.Equals(involvedKind, kind, StringComparison.OrdinalIgnoreCase) && (string?)e["involvedObject"]?["name"] == name;
            return matches && (allowed is null || allowed.Contains((string?)e["type"], StringComparer.OrdinalIgnoreCase));
        };
    }

    private static string Timestamp(JsonObject e) =>
        (string?)e["lastTimestamp"] ?? (string?)e["eventTime"] ?? (string?)e["metadata"]?["creationTimestamp"] ?? string.Empty;

    private static string[] Row(JsonObject e, bool allNamespaces, DateTimeOffset now)
    {
        string[] cells =
        [
            Age.Since(Timestamp(e), now), (string?)e["type"] ?? string.Empty, (string?)e["reason"] ?? string.Empty,
            $"{(string?)e["involvedObject"]?["kind"]}/{(string?)e["involvedObject"]?["name"]}", ((string?)e["message"] ?? string.Empty).ReplaceLineEndings(" "),
        ];
        return allNamespaces ? [(string?)e["metadata"]?["namespace"] ?? string.Empty, .. cells] : cells;
    }
}
