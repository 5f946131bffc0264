using System.Text;
using System.Text.Json;
using Gyre.Templates.Serialization;
using Gyre.Templates.Helm;
using Gyre.Templates.Sprig;

namespace Gyre.Templates.Protocol;

/// <summary>
/// The gotemplate oracle's protocol (shared/oracles/gotemplate): one JSON request in, one JSON response out, with the
/// same fields and meaning, so any case can be diffed between Gyre and Go.
/// </summary>
public static class RenderRequest
{
    private const string RootName = "gotpl";

    /// <summary>Handles one request; never throws for bad input (problems are reported in the response's error).</summary>
    public static string Handle(string requestJson, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var (output, error, helmError) = Render(requestJson, time);
        var sb = new StringBuilder();
        sb.Append("{\"output\":");
        GoJson.WriteString(sb, output, escapeHtml: false);
        sb.Append(",\"error\":");
        GoJson.WriteString(sb, error, escapeHtml: false);
        if (!string.IsNullOrEmpty(helmError))
        {
            sb.Append(",\"helmError\":");
            GoJson.WriteString(sb, helmError, escapeHtml: false);
        }
        sb.Append('}');
        return sb.ToString();
    }

    private static (string Output, string Error, string? HelmError) Render(string requestJson, TimeProvider time)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(requestJson);
        }
        catch (JsonException e)
        {
            return ("", "request: invalid JSON: " + e.Message, null);
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return ("", "request: invalid JSON: the request must be an object", null);
            }
            var templates = new Dictionary<string, string>(StringComparer.Ordinal);
            if (root.TryGetProperty("templates", out var t) && t.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in t.EnumerateObject())
                {
                    templates[p.Name] = p.Value.GetString() ?? "";
                }
            }
            var helm = Bool(root, "helm");
            var numbersText = Str(root, "numbers") ?? "";
            var numbers = numbersText switch
            {
                "" or "float64" => (JsonNumbers?)JsonNumbers.Float64,
                "int" => JsonNumbers.Int,
                "int64" => JsonNumbers.Int64,
                _ => null,
            };
            if (numbers == null)
            {
                return ("", "request: unknown numbers mode " + Formatting.GoQuote.Quote(numbersText) + " (want float64, int or int64)", null);
            }
            var zoneName = Str(root, "tz") ?? "UTC";
            TimeZoneInfo zone;
            try
            {
                zone = zoneName is "UTC" or "" ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(zoneName);
            }
            catch (TimeZoneNotFoundException)
            {
                return ("", "request: tz: unknown time zone " + zoneName, null);
            }
            object? data = null;
            if (root.TryGetProperty("data", out var d))
            {
                data = JsonData.FromElement(d, numbers.Value);
            }
            if (Str(root, "yamlData") is { } yamlData)
            {
                try
                {
                    data = YamlValues.Decode(yamlData);
                }
                catch (FormatException e)
                {
                    return ("", "request: yamlData: " + e.Message, null);
                }
            }
            if (Str(root, "valuesYaml") is { } valuesYaml)
            {
                object? values;
                try
                {
                    values = YamlValues.Decode(valuesYaml) ?? new Dictionary<string, object?>(StringComparer.Ordinal);
                }
                catch (FormatException e)
                {
                    return ("", "request: valuesYaml: " + e.Message, null);
                }
                if (values is not Dictionary<string, object?>)
                {
                    return ("", "request: valuesYaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal " + (values is List<object?> ? "array" : values is string ? "string" : values is double ? "number" : values is bool ? "bool" : "value") + " into Go value of type map[string]interface {}", null);
                }
                switch (data)
                {
                    case null:
                        data = new Dictionary<string, object?>(StringComparer.Ordinal) { ["Values"] = values };
                        break;
                    case Dictionary<string, object?> map:
                        map["Values"] = values;
                        break;
                    default:
                        return ("", "request: valuesYaml needs \"data\" to be an object or absent, got " + Execution.GoTypes.TypeName(data), null);
                }
            }
            var entry = Str(root, "entry") ?? "";
            if (entry.Length == 0)
            {
                if (templates.Count != 1)
                {
                    return ("", "request: \"entry\" is required when there is not exactly one template", null);
                }
                entry = templates.Keys.First();
            }
            var options = new TemplateOptions { Time = time, LocalZone = zone };
            var extra = new List<string>();
            if (root.TryGetProperty("options", out var o) && o.ValueKind == JsonValueKind.Array)
            {
                extra.AddRange(o.EnumerateArray().Select(x => x.GetString() ?? ""));
            }
            return helm
                ? RenderHelm(templates, entry, data, options, extra, Bool(root, "strict"), Bool(root, "keepNoValue"))
                : RenderPlain(templates, entry, data, options, extra);
        }
    }

    private static bool Bool(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;

    private static string? Str(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static (string, string, string?) RenderPlain(Dictionary<string, string> templates, string entry, object? data, TemplateOptions options, List<string> extra)
    {
        try
        {
            foreach (var o in extra)
            {
                options = options.WithOption(o);
            }
        }
        catch (ArgumentException e)
        {
            return ("", "request: options: " + e.Message.Split(" (Parameter")[0], null);
        }
        var set = new TemplateSet(RootName, SprigFunctions.Create(options), options);
        try
        {
            foreach (var name in templates.Keys.Order(StringComparer.Ordinal))
            {
                set.Parse(name, templates[name]);
            }
            return (set.Execute(entry, data), "", null);
        }
        catch (TemplateException e)
        {
            return ("", e.Message, null);
        }
    }

    private static (string, string, string?) RenderHelm(Dictionary<string, string> templates, string entry, object? data, TemplateOptions options,
        List<string> extra, bool strict, bool keepNoValue)
    {
        options = options with { MissingKey = strict ? MissingKeyAction.Error : MissingKeyAction.Zero };
        try
        {
            foreach (var o in extra)
            {
                options = options.WithOption(o);
            }
        }
        catch (ArgumentException e)
        {
            return ("", "request: options: " + e.Message.Split(" (Parameter")[0], null);
        }
        var engine = new HelmTemplateEngine(options, strict, keepNoValue);
        return engine.Render(templates, entry, data);
    }
}
