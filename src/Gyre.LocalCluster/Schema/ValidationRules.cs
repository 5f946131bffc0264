using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gyre.Cel;
using Gyre.LocalCluster.Api;

namespace Gyre.LocalCluster.Schema;

/// <summary>
/// CRD validation rules (x-kubernetes-validations) evaluated on create and update as apiextensions-apiserver does:
/// each rule runs with `self` bound to the value at its schema node (absent values are not checked); a rule that
/// references `oldSelf` is a transition rule, run only on update where the old object has a value at the same place
/// (object properties, map values and items of map lists keyed alike); a node whose value is unchanged on update is
/// not re-checked (validation ratcheting). A failure becomes a cause naming the field (`fieldPath` appended), with
/// `message`, the string `messageExpression` yields, or "failed rule: RULE", and the rule's `reason`.
/// </summary>
internal static class ValidationRules
{
    private static readonly ConcurrentDictionary<string, (CelExpression? Expression, bool Transition, string? Error)> Cache = new(StringComparer.Ordinal);

    public static void Check(JsonObject schema, JsonObject obj, JsonObject? old, List<StatusCause> causes)
    {
        var self = obj.DeepClone().AsObject();
        if (self["metadata"] is JsonObject meta)
        {
            // Rules see only metadata.name and metadata.generateName of the object (apiextensions' CEL environment).
            self["metadata"] = new JsonObject { ["name"] = meta["name"]?.DeepClone(), ["generateName"] = meta["generateName"]?.DeepClone() };
        }

        JsonObject? oldSelf = null;
        if (old is not null)
        {
            oldSelf = old.DeepClone().AsObject();
            if (oldSelf["metadata"] is JsonObject oldMeta)
            {
                oldSelf["metadata"] = new JsonObject { ["name"] = oldMeta["name"]?.DeepClone(), ["generateName"] = oldMeta["generateName"]?.DeepClone() };
            }

            // Status is not part of a spec update's comparison: both sides are what the write will store.
        }

        Walk(schema, self, oldSelf, old is not null, string.Empty, causes);
    }

    /// <summary>Compiles a rule (or message expression) once; the error text when it does not compile.</summary>
    public static (CelExpression? Expression, bool Transition, string? Error) Compile(string rule) => Cache.GetOrAdd(rule, static text =>
    {
        try
        {
            return (CelExpression.Compile(text, ["self"]), false, null);
        }
        catch (CelException)
        {
            try
            {
                return (CelExpression.Compile(text, ["self", "oldSelf"]), true, null);
            }
            catch (CelException e)
            {
                return (null, false, e.Message);
            }
        }
    });

    private static void Walk(JsonObject schema, JsonNode? value, JsonNode? old, bool hasOld, string path, List<StatusCause> causes)
    {
        if (value is null || (hasOld && JsonNode.DeepEquals(value, old)))
        {
            return;
        }

        if (schema["x-kubernetes-validations"] is JsonArray rules)
        {
            foreach (var rule in rules.OfType<JsonObject>())
            {
                Evaluate(rule, schema, value, old, hasOld, path, causes);
            }
        }

        switch (value)
        {
            case JsonObject o when schema["properties"] is JsonObject properties:
                foreach (var (key, child) in o)
                {
                    if (properties[key] is JsonObject childSchema)
                    {
                        var oldObject = hasOld ? old as JsonObject : null;
                        Walk(childSchema, child, oldObject?[key], oldObject?.ContainsKey(key) == true, Join(path, key), causes);
                    }
                }

                break;
            case JsonObject o when schema["additionalProperties"] is JsonObject valueSchema:
                foreach (var (key, child) in o)
                {
                    var oldObject = hasOld ? old as JsonObject : null;
                    Walk(valueSchema, child, oldObject?[key], oldObject?.ContainsKey(key) == true, $"{path}[{key}]", causes);
                }

                break;
            case JsonArray a when schema["items"] is JsonObject itemSchema:
                var keys = schema["x-kubernetes-list-type"]?.GetValue<string>() == "map" ? (schema["x-kubernetes-list-map-keys"] as JsonArray)?.Select(k => k!.GetValue<string>()).ToList() : null;
                for (var i = 0; i < a.Count; i++)
                {
                    var previous = hasOld && keys is not null && old is JsonArray oldList ? oldList.FirstOrDefault(item => SameKeys(item, a[i], keys)) : null;
                    Walk(itemSchema, a[i], previous, previous is not null, $"{path}[{i}]", causes);
                }

                break;
        }
    }

    private static void Evaluate(JsonObject rule, JsonObject schema, JsonNode value, JsonNode? old, bool hasOld, string path, List<StatusCause> causes)
    {
        var text = rule["rule"]?.GetValue<string>() ?? string.Empty;
        var (expression, transition, _) = Compile(text);
        if (expression is null || (transition && !hasOld))
        {
            return;
        }

        var variables = new Dictionary<string, JsonNode?>(StringComparer.Ordinal) { ["self"] = value };
        if (transition)
        {
            variables["oldSelf"] = old;
        }

        var type = schema["type"]?.GetValue<string>() ?? "object";
        bool passed;
        try
        {
            passed = expression.EvaluateBoolean(variables);
        }
        catch (CelException e)
        {
            causes.Add(new StatusCause("FieldValueInvalid", $"Invalid value: \"{type}\": {e.Reason} evaluating rule: {text.Trim()}", path.Length == 0 ? "<nil>" : path));
            return;
        }

        if (passed)
        {
            return;
        }

        var message = Message(rule, variables) ?? rule["message"]?.GetValue<string>() ?? "failed rule: " + text.Trim();
        var field = rule["fieldPath"]?.GetValue<string>() is { Length: > 0 } relative ? path + (path.Length == 0 ? relative.TrimStart('.') : relative) : path;
        var (reason, detail) = rule["reason"]?.GetValue<string>() switch
        {
            "FieldValueForbidden" => ("FieldValueForbidden", "Forbidden: " + message),
            "FieldValueRequired" => ("FieldValueRequired", "Required value: " + message),
            "FieldValueDuplicate" => ("FieldValueDuplicate", "Duplicate value: " + JsonSerializer.Serialize(message)),
            _ => ("FieldValueInvalid", $"Invalid value: \"{type}\": {message}"),
        };
        causes.Add(new StatusCause(reason, detail, field.Length == 0 ? "<nil>" : field));
    }

    /// <summary>The messageExpression's string, or null (then `message` or the default applies) when it fails or is blank.</summary>
    private static string? Message(JsonObject rule, Dictionary<string, JsonNode?> variables)
    {
        if (rule["messageExpression"]?.GetValue<string>() is not { Length: > 0 } text || Compile(text).Expression is not { } expression)
        {
            return null;
        }

        try
        {
            return expression.Evaluate(variables) is string message && !string.IsNullOrWhiteSpace(message) && !message.Contains('\n', StringComparison.Ordinal) ? message : null;
        }
        catch (CelException)
        {
            return null;
        }
    }

    private static bool SameKeys(JsonNode? a, JsonNode? b, List<string> keys) =>
        a is JsonObject x && b is JsonObject y && keys.All(k => JsonNode.DeepEquals(x[k], y[k]));

    private static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;
}
