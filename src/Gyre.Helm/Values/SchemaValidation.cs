using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gyre.Helm.Charts;

namespace Gyre.Helm.Values;

/// <summary>
/// Helm's ValidateAgainstSchema: each chart's values.schema.json checked against its (coalesced) values, subcharts
/// against their section; errors listed per chart in gojsonschema's words ("- replicaCount: Invalid type...").
/// </summary>
internal static class SchemaValidation
{
    public static void Validate(Chart chart, Dictionary<string, object?> values)
    {
        var errors = Collect(chart, values);
        if (errors.Length > 0)
        {
            throw new HelmException("values don't meet the specifications of the schema(s) in the following chart(s):\n" + errors, chart.Name);
        }
    }

    private static string Collect(Chart chart, Dictionary<string, object?> values)
    {
        var sb = new StringBuilder();
        if (chart.Schema is { } schemaText)
        {
            JsonNode? schema;
            try
            {
                schema = JsonNode.Parse(schemaText);
            }
            catch (JsonException e)
            {
                throw new HelmException(chart.Name + ": values.schema.json: invalid JSON: " + e.Message, chart.Name, innerException: e);
            }
            var found = new List<string>();
            new SchemaValidator(schema, found).Validate(schema, GoValues.ToJson(values), "");
            if (found.Count > 0)
            {
                sb.Append(chart.Name).Append(":\n");
                foreach (var f in found)
                {
                    sb.Append("- ").Append(f).Append('\n');
                }
            }
        }
        foreach (var sub in chart.Dependencies)
        {
            if (values.TryGetValue(sub.Name, out var v) && v is Dictionary<string, object?> sv)
            {
                sb.Append(Collect(sub, sv));
            }
        }
        return sb.ToString();
    }
}
