using System.Globalization;
using System.Text.Json.Nodes;
using Gyre.LocalCluster.Api;
using Microsoft.AspNetCore.Http;

namespace Gyre.LocalCluster.Objects;

/// <summary>
/// Server-side printing (meta.k8s.io/v1 Table): NAME, the kind's columns (or a CRD's additionalPrinterColumns) and
/// AGE, each row carrying the object's metadata as kubectl expects for `-A`, `--show-labels` and watches.
/// </summary>
internal static class TableWriter
{
    public static bool Wants(HttpContext context) =>
        context.Request.Headers.Accept.Any(a => a is not null && a.Contains("as=Table", StringComparison.Ordinal));

    public static JsonObject Create(ResourceInfo resource, IReadOnlyList<JsonObject> objects, DateTimeOffset now, string? includeObject, bool withColumns = true)
    {
        var columns = new List<(string Name, string Type, string Format, int Priority, Func<JsonObject, JsonNode?> Cell)>
        {
            ("Name", "string", "name", 0, o => new ObjectMeta(o).Name),
        };
        if (resource.IsCustom && resource.PrinterColumns.Count > 0)
        {
            columns.AddRange(resource.PrinterColumns.Select(c => (c.Name, c.Type, c.Format, c.Priority, (Func<JsonObject, JsonNode?>)(o => CustomCell(o, c, now)))));
        }
        else
        {
            columns.AddRange(TableColumns.For(resource.Group, resource.Kind).Select(c => (c.Name, c.Type, string.Empty, c.Priority, c.Cell)));
        }

        if (!resource.IsCustom || resource.PrinterColumns.All(c => c.JsonPath != ".metadata.creationTimestamp"))
        {
            columns.Add(("Age", "string", string.Empty, 0, o => Age(TableColumns.Str(o, "metadata.creationTimestamp"), now)));
        }

        var rows = new JsonArray();
        foreach (var obj in objects)
        {
            var row = new JsonObject { ["cells"] = new JsonArray([.. columns.Select(c => c.Cell(obj)?.DeepClone() ?? JsonValue.Create("<none>"))]) };
            if (includeObject != "None")
            {
                row["object"] = includeObject == "Object" ? obj.DeepClone() : new JsonObject
                {
                    ["kind"] = "PartialObjectMetadata",
                    ["apiVersion"] = "meta.k8s.io/v1",
                    ["metadata"] = obj["metadata"]?.DeepClone(),
                };
            }

            rows.Add(row);
        }

        var table = new JsonObject { ["kind"] = "Table", ["apiVersion"] = "meta.k8s.io/v1", ["metadata"] = new JsonObject() };
        if (withColumns)
        {
            table["columnDefinitions"] = new JsonArray([.. columns.Select(c => (JsonNode)new JsonObject
            {
                ["name"] = c.Name,
                ["type"] = c.Type,
                ["format"] = c.Format,
                ["description"] = c.Name,
                ["priority"] = c.Priority,
            })]);
        }

        table["rows"] = rows;
        return table;
    }

    /// <summary>Kubernetes' duration.HumanDuration: "45s", "5m10s", "3h", "2d4h", "400d".</summary>
    public static string Age(string timestamp, DateTimeOffset now)
    {
        if (!DateTimeOffset.TryParse(timestamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t))
        {
            return "<unknown>";
        }

        var d = now - t;
        if (d < TimeSpan.Zero)
        {
            d = TimeSpan.Zero;
        }

        var seconds = (long)d.TotalSeconds;
        return seconds switch
        {
            < 120 => $"{seconds}s",
            < 600 => $"{seconds / 60}m{(seconds % 60 == 0 ? string.Empty : $"{seconds % 60}s")}",
            < 3 * 3600 => $"{seconds / 60}m",
            < 8 * 3600 => $"{seconds / 3600}h{(seconds / 60 % 60 == 0 ? string.Empty : $"{seconds / 60 % 60}m")}",
            < 48 * 3600 => $"{seconds / 3600}h",
            < 8 * 86400 => $"{seconds / 86400}d{(seconds / 3600 % 24 == 0 ? string.Empty : $"{seconds / 3600 % 24}h")}",
            < 2L * 365 * 86400 => $"{seconds / 86400}d",
            _ => $"{seconds / 86400 / 365}y",
        };
    }

    private static JsonNode? CustomCell(JsonObject obj, PrinterColumn column, DateTimeOffset now)
    {
        var node = ColumnPath.Read(obj, column.JsonPath);
        if (node is null)
        {
            return null;
        }

        return column.Type == "date" && node is JsonValue v && v.TryGetValue<string>(out var s) ? Age(s, now) : node.DeepClone();
    }
}
