using System.Text.Json.Nodes;
using Gyre.Helm.Values;
using Gyre.Templates.Helm;

namespace Gyre.Helm.Charts;

/// <summary>Reads Chart.yaml into <see cref="ChartMetadata"/> and validates it as Helm's Metadata.Validate does.</summary>
internal static class ChartMetadataReader
{
    public static ChartMetadata Read(string text, string source)
    {
        var m = GoValues.ParseYaml(text, source + "/Chart.yaml");
        var where = source + "/Chart.yaml";
        var metadata = new ChartMetadata
        {
            ApiVersion = Str(m, "apiVersion") is { Length: > 0 } api ? api : "v1",
            Name = Str(m, "name"),
            Version = Str(m, "version"),
            AppVersion = Str(m, "appVersion"),
            Description = Str(m, "description"),
            Type = Str(m, "type"),
            KubeVersion = Str(m, "kubeVersion"),
            Home = Str(m, "home"),
            Icon = Str(m, "icon"),
            Condition = Str(m, "condition"),
            Tags = Str(m, "tags"),
            Deprecated = m.TryGetValue("deprecated", out var d) && d is true,
            Keywords = Strings(m, "keywords"),
            Sources = Strings(m, "sources"),
            Maintainers = List(m, "maintainers").OfType<Dictionary<string, object?>>()
                .Select(x => new ChartMaintainer(Str(x, "name"), Str(x, "email"), Str(x, "url"))).ToList(),
            Annotations = m.TryGetValue("annotations", out var a) && a is Dictionary<string, object?> am
                ? am.ToDictionary(kv => kv.Key, kv => Scalar(kv.Value), StringComparer.Ordinal)
                : new Dictionary<string, string>(StringComparer.Ordinal),
            Dependencies = Dependencies(m, source),
            Raw = GoValues.ToJson(m),
        };
        Validate(metadata, where);
        return metadata;
    }

    public static IReadOnlyList<ChartDependency> Dependencies(Dictionary<string, object?> m, string source) =>
        List(m, "dependencies").OfType<Dictionary<string, object?>>().Select(x => new ChartDependency
        {
            Name = Str(x, "name"),
            Version = Str(x, "version"),
            Repository = Str(x, "repository"),
            Condition = Str(x, "condition"),
            Tags = Strings(x, "tags"),
            Enabled = !x.TryGetValue("enabled", out var e) || e is not false,
            ImportValues = x.TryGetValue("import-values", out var iv) && iv is List<object?> ivl ? (JsonArray)GoValues.ToNode(ivl)! : null,
            Alias = Str(x, "alias"),
        }).ToList();

    private static void Validate(ChartMetadata m, string where)
    {
        if (m.Name.Length == 0)
        {
            throw new HelmException(where + ": validation: chart.metadata.name is required", where);
        }
        if (m.Name.Contains('/', StringComparison.Ordinal) || m.Name.Contains('\\', StringComparison.Ordinal))
        {
            throw new HelmException(where + ": validation: chart.metadata.name \"" + m.Name + "\" is invalid", where);
        }
        if (m.Version.Length == 0)
        {
            throw new HelmException(where + ": validation: chart.metadata.version is required", where);
        }
        if (!HelmSemver.IsVersion(m.Version))
        {
            throw new HelmException(where + ": validation: chart.metadata.version \"" + m.Version + "\" is invalid", where);
        }
        if (m.ApiVersion is not ("v1" or "v2"))
        {
            throw new HelmException(where + ": validation: chart.metadata.apiVersion \"" + m.ApiVersion + "\" is invalid; use v2", where);
        }
        if (m.Type is not ("" or "application" or "library"))
        {
            throw new HelmException(where + ": validation: chart.metadata.type must be application or library", where);
        }
        foreach (var dep in m.Dependencies.Where(x => x.Name.Length == 0))
        {
            throw new HelmException(where + ": validation: dependencies must have a name", where);
        }
        ValidateDependencies(m.Dependencies, where);
    }

    /// <summary>Helm's Dependency.Validate and the name/alias uniqueness rule of Metadata.Validate.</summary>
    public static void ValidateDependencies(IReadOnlyList<ChartDependency> dependencies, string where)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var dep in dependencies)
        {
            if (dep.Alias.Length > 0 && !dep.Alias.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            {
                throw new HelmException(where + ": validation: dependency \"" + dep.Name + "\" has disallowed characters in the alias", where);
            }
            var key = dep.Alias.Length > 0 ? dep.Alias : dep.Name;
            if (!seen.Add(key))
            {
                throw new HelmException(where + ": validation: more than one dependency with name or alias \"" + key + "\"", where);
            }
        }
    }

    private static string Str(Dictionary<string, object?> m, string key) => m.TryGetValue(key, out var v) ? Scalar(v) : "";

    private static string Scalar(object? v) => v switch
    {
        null => "",
        string s => s,
        bool b => b ? "true" : "false",
        double d => Gyre.Manifests.Json.GoFloat.FormatJson(d),
        _ => v.ToString() ?? "",
    };

    private static List<object?> List(Dictionary<string, object?> m, string key) => m.TryGetValue(key, out var v) && v is List<object?> l ? l : [];

    private static List<string> Strings(Dictionary<string, object?> m, string key) => List(m, key).Select(Scalar).ToList();
}
