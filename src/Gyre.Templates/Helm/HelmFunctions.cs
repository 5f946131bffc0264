using Gyre.Templates.Serialization;
using Gyre.Templates.Formatting;
using Gyre.Templates.Functions;

namespace Gyre.Templates.Helm;

/// <summary>Helm's own template functions (pkg/engine/funcs.go): YAML/JSON/TOML conversions, required, lookup.</summary>
internal static class HelmFunctions
{
    private const ArgType Any = ArgType.Any;
    private const ArgType Str = ArgType.String;

    public static void Register(Dictionary<string, TemplateFunction> f)
    {
        f["toYaml"] = TemplateFunction.Of(a => HelmToYaml.TryToYaml(a[0]) ?? "", Any);
        f["mustToYaml"] = TemplateFunction.Of(a => HelmToYaml.TryToYaml(a[0]) ?? throw new TemplateFunctionException(HelmToYaml.LastError(a[0])), Any);
        f["toYamlPretty"] = TemplateFunction.Of(a => PrettyYamlEmitter.ToYamlPretty(a[0]), Any);
        f["fromYaml"] = TemplateFunction.Of(a => FromYaml(SOf(a[0])), Str);
        f["fromYamlArray"] = TemplateFunction.Of(a => FromYamlArray(SOf(a[0])), Str);
        f["toJson"] = TemplateFunction.Of(a => GoJson.HasUnsupported(a[0], out _) ? "" : GoJson.Marshal(a[0]), Any);
        f["fromJson"] = TemplateFunction.Of(a => FromJson(SOf(a[0])), Str);
        f["fromJsonArray"] = TemplateFunction.Of(a => FromJsonArray(SOf(a[0])), Str);
        f["toToml"] = TemplateFunction.Of(a => TomlEncoder.Encode(a[0]), Any);
        f["fromToml"] = TemplateFunction.Of(a => FromToml(SOf(a[0])), Str);
        f["required"] = TemplateFunction.Of(a => Required(SOf(a[0]), a[1]), Str, Any);
        f["lookup"] = TemplateFunction.Of(_ => new Dictionary<string, object?>(StringComparer.Ordinal), Str, Str, Str, Str);
    }

    private static string SOf(object? v) => (string)v!;

    private static object? Required(string message, object? val)
    {
        if (val is null or Execution.NoValue || val is string { Length: 0 })
        {
            // Helm formats the message with Errorf, so a literal % is interpreted as a verb.
            throw new TemplateFunctionException(GoPrinter.Sprintf(HelmTemplateEngine.Mark(message), []));
        }
        return val;
    }

    private static Dictionary<string, object?> FromToml(string s)
    {
        try
        {
            return TomlDecoder.Decode(s);
        }
        catch (FormatException e)
        {
            return new Dictionary<string, object?>(StringComparer.Ordinal) { ["Error"] = e.Message };
        }
        catch (Parse.ParseError e)
        {
            return new Dictionary<string, object?>(StringComparer.Ordinal) { ["Error"] = "toml: " + e.Message };
        }
    }

    private static Dictionary<string, object?> FromYaml(string s)
    {
        try
        {
            return YamlValues.Decode(s) switch
            {
                Dictionary<string, object?> m => m,
                null => new Dictionary<string, object?>(StringComparer.Ordinal),
                var other => new Dictionary<string, object?>(StringComparer.Ordinal)
                {
                    ["Error"] = "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal " + JsonKind(other) + " into Go value of type map[string]interface {}",
                },
            };
        }
        catch (FormatException e)
        {
            return new Dictionary<string, object?>(StringComparer.Ordinal) { ["Error"] = e.Message };
        }
    }

    private static List<object?> FromYamlArray(string s)
    {
        try
        {
            return YamlValues.Decode(s) switch
            {
                List<object?> l => l,
                null => [],
                var other => ["error unmarshaling JSON: while decoding JSON: json: cannot unmarshal " + JsonKind(other) + " into Go value of type []interface {}"],
            };
        }
        catch (FormatException e)
        {
            return [e.Message];
        }
    }

    private static string JsonKind(object? v) => v switch
    {
        Dictionary<string, object?> => "object",
        List<object?> => "array",
        string => "string",
        double => "number",
        bool => "bool",
        _ => "value",
    };

    private static Dictionary<string, object?> FromJson(string s)
    {
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(s);
            return JsonData.FromElement(doc.RootElement) switch
            {
                Dictionary<string, object?> m => m,
                null => new Dictionary<string, object?>(StringComparer.Ordinal),
                var other => new Dictionary<string, object?>(StringComparer.Ordinal)
                {
                    ["Error"] = "json: cannot unmarshal " + JsonKind(other) + " into Go value of type map[string]interface {}",
                },
            };
        }
        catch (System.Text.Json.JsonException e)
        {
            return new Dictionary<string, object?>(StringComparer.Ordinal) { ["Error"] = GoJsonErrors.Describe(s, e) };
        }
    }

    private static List<object?> FromJsonArray(string s)
    {
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(s);
            return JsonData.FromElement(doc.RootElement) switch
            {
                List<object?> l => l,
                null => [],
                var other => ["json: cannot unmarshal " + JsonKind(other) + " into Go value of type []interface {}"],
            };
        }
        catch (System.Text.Json.JsonException e)
        {
            return [GoJsonErrors.Describe(s, e)];
        }
    }
}
