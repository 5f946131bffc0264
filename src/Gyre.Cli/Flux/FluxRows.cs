using System.Text.Json.Nodes;
using Gyre.Cli.Output;

namespace Gyre.Cli.Flux;

/// <summary>The columns of `gyre get KIND`, as flux's: NAME, REVISION (for kinds that have one), SUSPENDED, READY, MESSAGE.</summary>
internal sealed class FluxRows(FluxKind kind, bool allNamespaces, bool kindPrefix)
{
    public string[] Headers()
    {
        var headers = new List<string>();
        if (allNamespaces)
        {
            headers.Add("NAMESPACE");
        }

        headers.Add("NAME");
        if (kind.RevisionPath is not null)
        {
            headers.Add(kind.RevisionHeader);
        }

        if (kind.ShowSuspended)
        {
            headers.Add("SUSPENDED");
        }

        if (kind.HasStatus)
        {
            headers.Add("READY");
            headers.Add("MESSAGE");
        }

        return [.. headers];
    }

    public string[] Row(JsonObject obj)
    {
        var cells = new List<string>();
        if (allNamespaces)
        {
            cells.Add(FluxObject.Namespace(obj));
        }

        cells.Add(kindPrefix ? kind.Kind.ToLowerInvariant() + "/" + FluxObject.Name(obj) : FluxObject.Name(obj));
        if (kind.RevisionPath is not null)
        {
            cells.Add(FluxObject.Revision(obj, kind) ?? string.Empty);
        }

        if (kind.ShowSuspended)
        {
            cells.Add(FluxObject.Suspended(obj) ? "True" : "False");
        }

        if (kind.HasStatus)
        {
            cells.Add(FluxObject.Ready(obj));
            cells.Add(FluxObject.Message(obj).ReplaceLineEndings(" "));
        }

        return [.. cells];
    }

    public Table Table(IEnumerable<JsonObject> objects)
    {
        var table = new Table(Headers());
        foreach (var obj in objects)
        {
            table.Add(Row(obj));
        }

        return table;
    }

    /// <summary>`--status-selector ready=false`: a condition type and status, compared case-insensitively as flux does.</summary>
    public static Func<JsonObject, bool> StatusSelector(string? selector)
    {
        if (string.IsNullOrWhiteSpace(selector))
        {
            return _ => true;
        }

        var parts = selector.Split('=', 2, StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || parts[0].Length == 0)
        {
            throw new CommandException($"--status-selector '{selector}': expected TYPE=STATUS, e.g. ready=false", ExitCodes.Usage);
        }

        return obj =>
        {
            var condition = (obj["status"]?["conditions"] as JsonArray)?.OfType<JsonObject>()
                .FirstOrDefault(c => string.Equals((string?)c["type"], parts[0], StringComparison.OrdinalIgnoreCase));
            var status = (string?)condition?["status"] ?? "Unknown";
            return string.Equals(status, parts[1], StringComparison.OrdinalIgnoreCase);
        };
    }
}
