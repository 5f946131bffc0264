using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Gyre.Api.Kustomize;
using Gyre.Api.Meta;
using Gyre.Manifests;

namespace Gyre.Controllers.Kustomizations;

/// <summary>
/// spec.ignore (Flux 2.9): the fields a rule names (JSON pointers) on the objects its target selects are left as they
/// are in the cluster. Once an object exists, the desired object takes the live value of each such field (or drops
/// the field when the live object has none), so the apply neither changes it nor reports it as drift; a new object
/// is created as the build has it. (Flux strips or adopts the field through SSA ownership; the visible effect, the
/// live value staying and no drift, is the same.)
/// </summary>
internal sealed class IgnoreRules
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(100);
    private readonly List<(IReadOnlyList<string> Paths, Func<KubeObject, bool> Matches)> _rules;

    public IgnoreRules(IReadOnlyList<IgnoreRule> rules, string field = "spec.ignore")
    {
        _rules = rules.Select((r, i) => (r.Paths, Compile(r.Target, $"{field}[{i}]"))).ToList();
    }

    public bool IsEmpty => _rules.Count == 0;

    /// <summary>The object to apply: <paramref name="desired"/> with the ignored fields taken from <paramref name="live"/>.</summary>
    public KubeObject Apply(KubeObject desired, JsonObject live)
    {
        var result = desired;
        foreach (var (paths, matches) in _rules)
        {
            if (!matches(desired))
            {
                continue;
            }

            result = ReferenceEquals(result, desired) ? new KubeObject((JsonObject)desired.Json.DeepClone()) : result;
            foreach (var path in paths)
            {
                JsonPointer.Copy(live, result.Json, path);
            }
        }

        return result;
    }

    private static Func<KubeObject, bool> Compile(ObjectSelector target, string where)
    {
        var group = Pattern(target.Group, where);
        var version = Pattern(target.Version, where);
        var kind = Pattern(target.Kind, where);
        var name = Pattern(target.Name, where);
        var ns = Pattern(target.Namespace, where);
        return obj => (group?.IsMatch(obj.Group) ?? true) && (version?.IsMatch(obj.Version) ?? true) && (kind?.IsMatch(obj.Kind) ?? true)
            && (name?.IsMatch(obj.Name) ?? true) && (ns?.IsMatch(obj.Namespace ?? string.Empty) ?? true)
            && SelectorMatches(target.LabelSelector, obj.Json["metadata"]?["labels"])
            && SelectorMatches(target.AnnotationSelector, obj.Json["metadata"]?["annotations"]);
    }

    private static Regex? Pattern(string? pattern, string where)
    {
        if (string.IsNullOrEmpty(pattern))
        {
            return null;
        }

        try
        {
            return new Regex("^(?:" + pattern + ")$", RegexOptions.CultureInvariant, RegexTimeout);
        }
        catch (ArgumentException ex)
        {
            throw new ReconcileStepException(Reasons.ReconciliationFailed, $"{where}.target: '{pattern}' is not a valid regular expression: {ex.Message}", ex);
        }
    }

    // Equality-based selectors, as kubectl -l accepts them: key=value, key==value, key!=value, key, !key; comma means and.
    private static bool SelectorMatches(string? selector, JsonNode? map)
    {
        if (string.IsNullOrWhiteSpace(selector))
        {
            return true;
        }

        string? Get(string key) => map?[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        foreach (var term in selector.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var ok = term switch
            {
                _ when term.Contains("!=", StringComparison.Ordinal) => Get(term[..term.IndexOf("!=", StringComparison.Ordinal)].Trim()) != term[(term.IndexOf("!=", StringComparison.Ordinal) + 2)..].Trim(),
                _ when term.Contains('=', StringComparison.Ordinal) => Get(term[..term.IndexOf('=', StringComparison.Ordinal)].Trim()) == term[(term.LastIndexOf('=') + 1)..].Trim(),
                _ when term.StartsWith('!') => Get(term[1..].Trim()) is null,
                _ => Get(term) is not null,
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}
