using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Gyre.Cli.Flux;
using Gyre.Cli.Output;

namespace Gyre.Cli.Commands;

/// <summary>`gyre stats`: per kind, how many objects run, fail and are suspended, and how much artifact storage sources use.</summary>
internal static class StatsCommand
{
    public static Command Create(CliConsole console)
    {
        var output = OutputFormat.Create();
        var command = new Command("stats", "Show how many Flux objects reconcile, fail and are suspended, and their artifact storage\n\nExample:\n  gyre stats -A") { output };
        var cluster = ClusterOptions.AddTo(command, allNamespaces: true);
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var client = await cluster.ConnectAsync(parse, cancellationToken).ConfigureAwait(false);
            var ns = cluster.NamespaceOf(parse);
            var table = new Table("RECONCILERS", "RUNNING", "FAILING", "SUSPENDED", "STORAGE");
            var rows = new List<JsonObject>();
            foreach (var kind in FluxKinds.All)
            {
                if (await FluxResources.TryForAsync(client, kind, cancellationToken).ConfigureAwait(false) is not { } resource)
                {
                    continue;
                }

                var objects = await FluxResources.ListAsync(resource, ns, null, cancellationToken).ConfigureAwait(false);
                var suspended = objects.Count(FluxObject.Suspended);
                var failing = objects.Count(o => !FluxObject.Suspended(o) && FluxObject.Ready(o) == "False");
                long? storage = kind.IsSource ? objects.Sum(o => o["status"]?["artifact"]?["size"]?.GetValue<long>() ?? 0) : null;
                table.Add(kind.Kind, (objects.Count - suspended).ToString(CultureInfo.InvariantCulture), failing.ToString(CultureInfo.InvariantCulture),
                    suspended.ToString(CultureInfo.InvariantCulture), storage is { } bytes ? Size(bytes) : "-");
                rows.Add(new JsonObject
                {
                    ["reconciler"] = kind.Kind, ["running"] = objects.Count - suspended, ["failing"] = failing, ["suspended"] = suspended, ["storageBytes"] = storage,
                });
            }

            if (rows.Count == 0)
            {
                throw new CommandException("stats: the cluster serves none of the Flux kinds; install the CRDs with `gyre install` or run `gyre up`");
            }

            var format = parse.GetValue(output)!;
            await console.Out.WriteAsync(format == OutputFormat.Table ? table.Render() : OutputFormat.Write(format, rows, single: false)).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    // flux prints storage in binary units with one decimal: 4.2 KiB.
    internal static string Size(long bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0 ? $"{bytes} B" : value.ToString("0.0", CultureInfo.InvariantCulture) + " " + units[unit];
    }
}
