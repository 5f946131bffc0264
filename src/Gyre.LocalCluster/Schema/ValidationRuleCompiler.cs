using System.Text.Json.Nodes;
using Gyre.LocalCluster.Api;

namespace Gyre.LocalCluster.Schema;

/// <summary>
/// Checks a CRD's x-kubernetes-validations when the CRD is written, as apiextensions-apiserver does: every rule and
/// messageExpression must compile (with `self`, and `oldSelf` for transition rules), and `reason` must be one of the
/// four allowed values; otherwise the CRD is refused with a cause naming the rule's place in the schema.
/// </summary>
internal static class ValidationRuleCompiler
{
    private static readonly string[] Reasons = ["FieldValueInvalid", "FieldValueForbidden", "FieldValueRequired", "FieldValueDuplicate"];

    public static void Check(JsonArray versions, List<StatusCause> causes)
    {
        for (var i = 0; i < versions.Count; i++)
        {
            if (versions[i]?["schema"]?["openAPIV3Schema"] is JsonObject schema)
            {
                Walk(schema, $"spec.versions[{i}].schema.openAPIV3Schema", causes);
            }
        }
    }

    private static void Walk(JsonObject schema, string path, List<StatusCause> causes)
    {
        if (schema["x-kubernetes-validations"] is JsonArray rules)
        {
            for (var i = 0; i < rules.Count; i++)
            {
                var rulePath = $"{path}.x-kubernetes-validations[{i}]";
                var text = rules[i]?["rule"]?.GetValue<string>() ?? string.Empty;
                if (ValidationRules.Compile(text).Error is { } error)
                {
                    causes.Add(new StatusCause("FieldValueInvalid", $"Invalid value: \"{text}\": compilation failed: {error}", rulePath + ".rule"));
                }

                if (rules[i]?["messageExpression"]?.GetValue<string>() is { Length: > 0 } message && ValidationRules.Compile(message).Error is { } messageError)
                {
                    causes.Add(new StatusCause("FieldValueInvalid", $"Invalid value: \"{message}\": messageExpression compilation failed: {messageError}", rulePath + ".messageExpression"));
                }

                if (rules[i]?["reason"]?.GetValue<string>() is { } reason && !Reasons.Contains(reason))
                {
                    causes.Add(new StatusCause("FieldValueNotSupported", $"Unsupported value: \"{reason}\": supported values: \"FieldValueDuplicate\", \"FieldValueForbidden\", \"FieldValueInvalid\", \"FieldValueRequired\"", rulePath + ".reason"));
                }
            }
        }

        foreach (var (name, child) in schema["properties"] as JsonObject ?? [])
        {
            if (child is JsonObject c)
            {
                Walk(c, $"{path}.properties[{name}]", causes);
            }
        }

        if (schema["items"] is JsonObject items)
        {
            Walk(items, path + ".items", causes);
        }

        if (schema["additionalProperties"] is JsonObject additional)
        {
            Walk(additional, path + ".additionalProperties", causes);
        }
    }
}
