using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Gyre.ImageAutomation;

namespace Gyre.Controllers.ImageUpdateAutomations;

/// <summary>
/// spec.policySelector (a metav1.LabelSelector) as the label selector string the list API takes. An invalid selector
/// (bad operator, values where none are allowed, malformed keys) is Flux's InvalidPolicySelector.
/// </summary>
internal static partial class PolicySelector
{
    /// <summary>The selector string; empty selects every ImagePolicy.</summary>
    public static string ToQuery(JsonObject? selector)
    {
        var terms = new List<string>();
        foreach (var (key, value) in selector?["matchLabels"] as JsonObject ?? [])
        {
            var text = value is JsonValue v && v.TryGetValue<string>(out var s) ? s : throw Invalid($"matchLabels '{key}' must have a string value");
            terms.Add(Key(key) + "=" + Value(text));
        }

        foreach (var expression in (selector?["matchExpressions"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var key = Key((string?)expression["key"] ?? "");
            var values = (expression["values"] as JsonArray ?? []).Select(v => Value((string?)v ?? "")).ToList();
            var op = (string?)expression["operator"];
            terms.Add(op switch
            {
                "In" or "NotIn" when values.Count == 0 => throw Invalid($"operator {op} for '{key}' needs values"),
                "In" => $"{key} in ({string.Join(',', values)})",
                "NotIn" => $"{key} notin ({string.Join(',', values)})",
                "Exists" or "DoesNotExist" when values.Count > 0 => throw Invalid($"operator {op} for '{key}' takes no values"),
                "Exists" => key,
                "DoesNotExist" => "!" + key,
                _ => throw Invalid($"'{op}' is not a valid operator; use In, NotIn, Exists or DoesNotExist"),
            });
        }

        return string.Join(',', terms);
    }

    private static string Key(string key) => LabelKey().IsMatch(key) ? key : throw Invalid($"'{key}' is not a valid label key");

    private static string Value(string value) => value.Length == 0 || LabelValue().IsMatch(value) ? value : throw Invalid($"'{value}' is not a valid label value");

    private static ImageAutomationException Invalid(string why) =>
        new("spec.policySelector", "invalid policy selector", why, ImageAutomationReasons.InvalidPolicySelector);

    [GeneratedRegex(@"^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex LabelKey();

    [GeneratedRegex(@"^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex LabelValue();
}
