using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Gyre.Helm.Values;

/// <summary>
/// JSON Schema (draft 4–7 keywords Helm charts use) over values, reporting errors as gojsonschema words them:
/// "field: description", the field a dotted path or "(root)".
/// </summary>
internal sealed class SchemaValidator(JsonNode? root, List<string> errors)
{
    private int _depth;

    public void Validate(JsonNode? schema, JsonNode? value, string path)
    {
        if (schema is not JsonObject s || ++_depth > 64)
        {
            _depth -= schema is JsonObject ? 1 : 0;
            return;
        }
        try
        {
            if (s["$ref"] is JsonValue r && r.TryGetValue<string>(out var reference))
            {
                Validate(Resolve(reference), value, path);
                return;
            }
            if (!TypeMatches(s, value, path))
            {
                return;
            }
            Enum(s, value, path);
            Combinators(s, value, path);
            switch (value)
            {
                case JsonObject o:
                    Object(s, o, path);
                    break;
                case JsonArray a:
                    Array(s, a, path);
                    break;
                case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                    String(s, v.GetValue<string>(), path);
                    break;
                case JsonValue v when v.GetValueKind() == JsonValueKind.Number:
                    Number(s, v.GetValue<double>(), path);
                    break;
            }
        }
        finally
        {
            _depth--;
        }
    }

    private JsonNode? Resolve(string reference)
    {
        if (!reference.StartsWith('#'))
        {
            return null; // Remote references are not fetched (Helm's loader would need the network).
        }
        JsonNode? node = root;
        foreach (var part in reference[1..].Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            node = node is JsonObject o ? o[part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)] : null;
        }
        return node;
    }

    private bool TypeMatches(JsonObject s, JsonNode? value, string path)
    {
        var types = s["type"] switch
        {
            JsonValue t when t.TryGetValue<string>(out var one) => [one],
            JsonArray many => many.Select(t => (string?)t ?? "").ToList(),
            _ => null,
        };
        if (types == null)
        {
            return true;
        }
        var given = TypeOf(value);
        if (types.Contains(given) || (given == "integer" && types.Contains("number")))
        {
            return true;
        }
        Add(path, "Invalid type. Expected: " + string.Join(", ", types) + ", given: " + given);
        return false;
    }

    private void Enum(JsonObject s, JsonNode? value, string path)
    {
        if (s["enum"] is JsonArray allowed && !allowed.Any(a => JsonNode.DeepEquals(a, value) || NumbersEqual(a, value)))
        {
            Add(path, Field(path) + " must be one of the following: " + string.Join(", ", allowed.Select(a => a?.ToJsonString() ?? "null")));
        }
        if (s.TryGetPropertyValue("const", out var c) && !(JsonNode.DeepEquals(c, value) || NumbersEqual(c, value)))
        {
            Add(path, Field(path) + " does not match: " + (c?.ToJsonString() ?? "null"));
        }
    }

    private void Combinators(JsonObject s, JsonNode? value, string path)
    {
        if (s["allOf"] is JsonArray all && all.Any(x => !Passes(x, value)))
        {
            Add(path, "Must validate all the schemas (allOf)");
        }
        if (s["anyOf"] is JsonArray any && !any.Any(x => Passes(x, value)))
        {
            Add(path, "Must validate at least one schema (anyOf)");
        }
        if (s["oneOf"] is JsonArray one && one.Count(x => Passes(x, value)) != 1)
        {
            Add(path, "Must validate one and only one schema (oneOf)");
        }
        if (s["not"] is JsonObject not && Passes(not, value))
        {
            Add(path, "Must not validate the schema (not)");
        }
        if (s["if"] is JsonObject cond)
        {
            var branch = Passes(cond, value) ? s["then"] : s["else"];
            if (branch != null && !Passes(branch, value))
            {
                Add(path, "Must validate \"" + (Passes(cond, value) ? "then" : "else") + "\" as \"if\" was " + (Passes(cond, value) ? "valid" : "not valid"));
            }
        }
    }

    private bool Passes(JsonNode? schema, JsonNode? value)
    {
        var probe = new SchemaValidator(root, []);
        probe.Validate(schema, value, "");
        return probe.ErrorCount == 0;
    }

    private int ErrorCount => errors.Count;

    private void Object(JsonObject s, JsonObject o, string path)
    {
        if (s["required"] is JsonArray required)
        {
            foreach (var r in required.Select(r => (string?)r ?? "").Where(r => !o.ContainsKey(r)))
            {
                Add(path, r + " is required");
            }
        }
        var properties = s["properties"] as JsonObject;
        var patterns = s["patternProperties"] as JsonObject;
        foreach (var (key, child) in o)
        {
            var matched = false;
            if (properties?[key] is { } ps)
            {
                matched = true;
                Validate(ps, child, Join(path, key));
            }
            foreach (var (pattern, pschema) in patterns ?? [])
            {
                if (Regex.IsMatch(key, pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
                {
                    matched = true;
                    Validate(pschema, child, Join(path, key));
                }
            }
            if (matched)
            {
                continue;
            }
            switch (s["additionalProperties"])
            {
                case JsonValue b when b.GetValueKind() == JsonValueKind.False:
                    Add(path, "Additional property " + key + " is not allowed");
                    break;
                case JsonObject extra:
                    Validate(extra, child, Join(path, key));
                    break;
            }
        }
        Count(s, "minProperties", o.Count, n => o.Count < n, n => "Must have at least " + n + " properties");
        Count(s, "maxProperties", o.Count, n => o.Count > n, n => "Must have at most " + n + " properties");

        void Count(JsonObject schema, string keyword, int actual, Func<double, bool> fails, Func<string, string> message)
        {
            if (schema[keyword] is JsonValue v && v.TryGetValue<double>(out var n) && fails(n))
            {
                Add(path, message(Num(n)));
            }
        }
    }

    private void Array(JsonObject s, JsonArray a, string path)
    {
        switch (s["items"])
        {
            case JsonObject items:
                for (var i = 0; i < a.Count; i++)
                {
                    Validate(items, a[i], Join(path, i.ToString(CultureInfo.InvariantCulture)));
                }
                break;
            case JsonArray tuple:
                for (var i = 0; i < a.Count && i < tuple.Count; i++)
                {
                    Validate(tuple[i], a[i], Join(path, i.ToString(CultureInfo.InvariantCulture)));
                }
                break;
        }
        if (s["minItems"] is JsonValue min && min.TryGetValue<double>(out var mn) && a.Count < mn)
        {
            Add(path, "Array must have at least " + Num(mn) + " items");
        }
        if (s["maxItems"] is JsonValue max && max.TryGetValue<double>(out var mx) && a.Count > mx)
        {
            Add(path, "Array must have at most " + Num(mx) + " items");
        }
        if (s["uniqueItems"] is JsonValue u && u.GetValueKind() == JsonValueKind.True)
        {
            for (var i = 0; i < a.Count; i++)
            {
                for (var j = i + 1; j < a.Count; j++)
                {
                    if (JsonNode.DeepEquals(a[i], a[j]))
                    {
                        Add(path, "array items[" + i.ToString(CultureInfo.InvariantCulture) + "," + j.ToString(CultureInfo.InvariantCulture) + "] must be unique");
                        return;
                    }
                }
            }
        }
    }

    private void String(JsonObject s, string v, string path)
    {
        var length = v.EnumerateRunes().Count();
        if (s["minLength"] is JsonValue min && min.TryGetValue<double>(out var mn) && length < mn)
        {
            Add(path, "String length must be greater than or equal to " + Num(mn));
        }
        if (s["maxLength"] is JsonValue max && max.TryGetValue<double>(out var mx) && length > mx)
        {
            Add(path, "String length must be less than or equal to " + Num(mx));
        }
        if (s["pattern"] is JsonValue p && p.TryGetValue<string>(out var pattern) &&
            !Regex.IsMatch(v, pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
        {
            Add(path, "Does not match pattern '" + pattern + "'");
        }
    }

    private void Number(JsonObject s, double v, string path)
    {
        if (s["minimum"] is JsonValue min && min.TryGetValue<double>(out var mn) && v < mn)
        {
            Add(path, "Must be greater than or equal to " + Num(mn));
        }
        if (s["maximum"] is JsonValue max && max.TryGetValue<double>(out var mx) && v > mx)
        {
            Add(path, "Must be less than or equal to " + Num(mx));
        }
        if (s["exclusiveMinimum"] is JsonValue emin && emin.TryGetValue<double>(out var emn) && v <= emn)
        {
            Add(path, "Must be greater than " + Num(emn));
        }
        if (s["exclusiveMaximum"] is JsonValue emax && emax.TryGetValue<double>(out var emx) && v >= emx)
        {
            Add(path, "Must be less than " + Num(emx));
        }
        if (s["multipleOf"] is JsonValue m && m.TryGetValue<double>(out var mo) && mo > 0 && Math.Abs(Math.IEEERemainder(v, mo)) > 1e-9)
        {
            Add(path, "Must be a multiple of " + Num(mo));
        }
    }

    private static bool NumbersEqual(JsonNode? a, JsonNode? b) =>
        a is JsonValue x && b is JsonValue y && x.GetValueKind() == JsonValueKind.Number && y.GetValueKind() == JsonValueKind.Number &&
        x.GetValue<double>() == y.GetValue<double>();

    private static string TypeOf(JsonNode? v) => v switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        JsonValue x => x.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            JsonValueKind.Number => x.GetValue<double>() == Math.Floor(x.GetValue<double>()) ? "integer" : "number",
            _ => "null",
        },
        _ => "null",
    };

    private static string Num(double d) => d.ToString("R", CultureInfo.InvariantCulture);

    private static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;

    private static string Field(string path) => path.Length == 0 ? "(root)" : path;

    private void Add(string path, string description) => errors.Add(Field(path) + ": " + description);
}
