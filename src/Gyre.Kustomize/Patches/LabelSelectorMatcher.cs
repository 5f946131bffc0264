using Gyre.Kustomize.Yaml;

namespace Gyre.Kustomize.Patches;

/// <summary>Kubernetes label-selector syntax (k=v, k==v, k!=v, k in (a,b), k notin (a,b), k, !k) over a string map.</summary>
internal static class LabelSelectorMatcher
{
    public static bool Matches(string? selector, YamlNode? map)
    {
        if (string.IsNullOrWhiteSpace(selector))
        {
            return true;
        }

        string? Get(string key) => map is { IsMapping: true } ? map.GetString(key) : null;
        foreach (var requirement in SplitRequirements(selector))
        {
            var r = requirement.Trim();
            if (!Evaluate(r, Get))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Evaluate(string r, Func<string, string?> get)
    {
        if (r.StartsWith('!'))
        {
            return get(r[1..].Trim()) is null;
        }

        foreach (var (op, negate) in new[] { (" notin ", true), (" in ", false) })
        {
            var at = r.IndexOf(op, StringComparison.Ordinal);
            if (at > 0)
            {
                var key = r[..at].Trim();
                var values = r[(at + op.Length)..].Trim().Trim('(', ')').Split(',').Select(v => v.Trim());
                var value = get(key);
                var contained = value is not null && values.Contains(value);
                return negate ? !contained : contained;
            }
        }

        var ne = r.IndexOf("!=", StringComparison.Ordinal);
        if (ne > 0)
        {
            return get(r[..ne].Trim()) != r[(ne + 2)..].Trim();
        }

        var eq = r.IndexOf('=', StringComparison.Ordinal);
        if (eq > 0)
        {
            var valueStart = r.Length > eq + 1 && r[eq + 1] == '=' ? eq + 2 : eq + 1;
            return get(r[..eq].Trim()) == r[valueStart..].Trim();
        }

        return get(r) is not null;
    }

    private static IEnumerable<string> SplitRequirements(string selector)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < selector.Length; i++)
        {
            depth += selector[i] == '(' ? 1 : selector[i] == ')' ? -1 : 0;
            if (selector[i] == ',' && depth == 0)
            {
                yield return selector[start..i];
                start = i + 1;
            }
        }

        yield return selector[start..];
    }
}
