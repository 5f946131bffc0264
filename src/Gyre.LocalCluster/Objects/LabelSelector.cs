using System.Text.Json.Nodes;
using Gyre.LocalCluster.Api;

namespace Gyre.LocalCluster.Objects;

/// <summary>
/// A parsed label selector (k8s.io/apimachinery/pkg/labels): `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`,
/// `a` (exists) and `!a` (does not exist), comma-separated and ANDed.
/// </summary>
internal sealed class LabelSelector
{
    private readonly List<Func<JsonObject?, bool>> _requirements;

    private LabelSelector(List<Func<JsonObject?, bool>> requirements)
    {
        _requirements = requirements;
    }

    public static LabelSelector Parse(string text)
    {
        var requirements = new List<Func<JsonObject?, bool>>();
        foreach (var term in SplitTerms(text))
        {
            requirements.Add(ParseTerm(term.Trim(), text));
        }

        return new LabelSelector(requirements);
    }

    /// <summary>Builds a selector from a metav1.LabelSelector object (matchLabels + matchExpressions).</summary>
    public static LabelSelector FromObject(JsonObject? selector)
    {
        var terms = new List<string>();
        if (selector?["matchLabels"] is JsonObject ml)
        {
            terms.AddRange(ml.Select(kv => $"{kv.Key}={kv.Value?.GetValue<string>()}"));
        }

        if (selector?["matchExpressions"] is JsonArray me)
        {
            foreach (var e in me.OfType<JsonObject>())
            {
                var key = e["key"]?.GetValue<string>() ?? string.Empty;
                var values = string.Join(",", (e["values"] as JsonArray ?? []).Select(v => v?.GetValue<string>()));
                terms.Add(e["operator"]?.GetValue<string>() switch
                {
                    "In" => $"{key} in ({values})",
                    "NotIn" => $"{key} notin ({values})",
                    "Exists" => key,
                    _ => "!" + key,
                });
            }
        }

        return Parse(string.Join(",", terms));
    }

    public bool Matches(JsonObject? labels) => _requirements.TrueForAll(r => r(labels));

    private static IEnumerable<string> SplitTerms(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            depth += text[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (text[i] == ',' && depth == 0)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }

        if (text[start..].Trim().Length > 0)
        {
            yield return text[start..];
        }
    }

    private static Func<JsonObject?, bool> ParseTerm(string term, string whole)
    {
        static string? Get(JsonObject? labels, string key) => labels?[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        var words = term.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length >= 2 && words[1] is "in" or "notin")
        {
            var key = words[0];
            var set = string.Join(' ', words[2..]).Trim();
            if (!set.StartsWith('(') || !set.EndsWith(')'))
            {
                throw Invalid(whole);
            }

            var values = set[1..^1].Split(',', StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
            return words[1] == "in" ? l => Get(l, key) is { } v && values.Contains(v) : l => Get(l, key) is not { } v || !values.Contains(v);
        }

        foreach (var op in new[] { "!=", "==", "=" })
        {
            var at = term.IndexOf(op, StringComparison.Ordinal);
            if (at > 0)
            {
                var key = term[..at].Trim();
                var value = term[(at + op.Length)..].Trim();
                CheckKey(key, whole);
                return op == "!=" ? l => Get(l, key) != value : l => Get(l, key) == value;
            }
        }

        if (term.StartsWith('!'))
        {
            var key = term[1..].Trim();
            CheckKey(key, whole);
            return l => Get(l, key) is null;
        }

        CheckKey(term, whole);
        return l => Get(l, term) is not null;
    }

    private static void CheckKey(string key, string whole)
    {
        if (key.Length == 0 || NameValidation.ValidateQualifiedName("labelSelector", key).Any())
        {
            throw Invalid(whole);
        }
    }

    private static ApiStatusException Invalid(string text) =>
        ApiStatusException.BadRequest($"unable to parse requirement: found '{text}', expected: in, notin, =, ==, !=, gt, lt");
}
