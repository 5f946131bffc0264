using System.Text.Json.Nodes;
using Gyre.LocalCluster.Api;
using Gyre.LocalCluster.Http;
using Microsoft.AspNetCore.Http;

namespace Gyre.LocalCluster.Schema;

/// <summary>
/// Decoding checks of a request body against the kind's schema. Type mismatches in built-in kinds are always a 400
/// (the typed decoder fails); unknown fields follow fieldValidation: Strict fails with kube-apiserver's
/// "strict decoding error", Warn (the default) returns a Warning header, Ignore does nothing.
/// </summary>
internal static class FieldValidation
{
    public static void Check(ClusterState state, ApiRequest request, JsonObject body)
    {
        _ = state;
        var directive = request.FieldValidation ?? "Warn";
        if (directive is not "Strict" and not "Warn" and not "Ignore")
        {
            throw ApiStatusException.BadRequest($"fieldValidation must be one of \"Ignore\", \"Warn\", or \"Strict\", got \"{directive}\"");
        }

        var schema = SchemaLookup.For(request.Resource);
        if (schema is null)
        {
            return;
        }

        var unknown = new List<string>();
        var typeErrors = new List<string>();
        foreach (var (key, value) in body)
        {
            if (key is "apiVersion" or "kind")
            {
                continue;
            }

            if (request.Resource.IsCustom && key == "metadata")
            {
                continue;
            }

            Walk(value, schema.Property(key), key, unknown, typeErrors, !request.Resource.IsCustom, schema.Properties?.ContainsKey(key) == true || schema.PreservesUnknownFields);
        }

        var kind = request.Resource.Kind;
        if (typeErrors.Count > 0)
        {
            throw ApiStatusException.BadRequest($"{kind} in version \"{request.Resource.Version}\" cannot be handled as a {kind}: {typeErrors[0]}");
        }

        if (unknown.Count == 0 || directive == "Ignore")
        {
            return;
        }

        if (directive == "Strict")
        {
            var message = request.Resource.IsCustom
                ? string.Join(", ", unknown.Select(u => $".{u}: field not declared in schema"))
                : $"{kind} in version \"{request.Resource.Version}\" cannot be handled as a {kind}: strict decoding error: " + string.Join(", ", unknown.Select(u => $"unknown field \"{u}\""));
            throw ApiStatusException.BadRequest(message);
        }

        foreach (var u in unknown)
        {
            request.Context.Response.Headers.Append("Warning", $"299 - \"unknown field \\\"{u}\\\"\"");
        }
    }

    private static void Walk(JsonNode? value, SchemaNode? schema, string path, List<string> unknown, List<string> typeErrors, bool typed, bool known)
    {
        if (!known)
        {
            unknown.Add(path);
            return;
        }

        if (schema is null || value is null || schema.PreservesUnknownFields && schema.Properties is null)
        {
            return;
        }

        var type = schema.Type;
        if (typed && type is not null && !schema.IsIntOrString && !Matches(value, type))
        {
            typeErrors.Add($"json: cannot unmarshal {JsonKind(value)} into Go struct field .{path} of type {GoType(type, schema.Raw["format"]?.GetValue<string>())}");
            return;
        }

        switch (value)
        {
            case JsonObject o when schema.Properties is { } props:
                foreach (var (key, child) in o)
                {
                    Walk(child, schema.Property(key), path + "." + key, unknown, typeErrors, typed, props.ContainsKey(key) || schema.PreservesUnknownFields);
                }

                break;
            case JsonObject o when schema.Raw["additionalProperties"] is JsonObject:
                foreach (var (key, child) in o)
                {
                    Walk(child, schema.Property(key), path + "." + key, unknown, typeErrors, typed, true);
                }

                break;
            case JsonArray a when schema.Items is { } items:
                for (var i = 0; i < a.Count; i++)
                {
                    Walk(a[i], items, $"{path}[{i}]", unknown, typeErrors, typed, true);
                }

                break;
        }
    }

    private static bool Matches(JsonNode value, string type) => (type, value.GetValueKind()) switch
    {
        ("object", System.Text.Json.JsonValueKind.Object) => true,
        ("array", System.Text.Json.JsonValueKind.Array) => true,
        ("string", System.Text.Json.JsonValueKind.String) => true,
        ("boolean", System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False) => true,
        ("integer", System.Text.Json.JsonValueKind.Number) => (value.AsValue().TryGetValue<long>(out _) || value.AsValue().TryGetValue<int>(out _)),
        ("number", System.Text.Json.JsonValueKind.Number) => true,
        _ => false,
    };

    private static string JsonKind(JsonNode value) => value.GetValueKind() switch
    {
        System.Text.Json.JsonValueKind.Object => "object",
        System.Text.Json.JsonValueKind.Array => "array",
        System.Text.Json.JsonValueKind.String => "string",
        System.Text.Json.JsonValueKind.Number => "number",
        _ => "bool",
    };

    private static string GoType(string type, string? format) => (type, format) switch
    {
        ("integer", "int32") => "int32",
        ("integer", _) => "int64",
        ("number", _) => "float64",
        ("boolean", _) => "bool",
        ("array", _) => "[]",
        ("object", _) => "map",
        _ => type,
    };
}
