using Gyre.Helm.Charts;
using Gyre.Templates;
using Gyre.Templates.Functions;

namespace Gyre.Helm.Rendering;

/// <summary>The built-in objects templates see: .Chart (Go field names of chart.Metadata), .Release and .Capabilities.</summary>
internal static class TemplateObjects
{
    public static GoObject Chart(ChartMetadata m, bool isRoot) => new()
    {
        ["Name"] = m.Name,
        ["Home"] = m.Home,
        ["Sources"] = Strings(m.Sources),
        ["Version"] = m.Version,
        ["Description"] = m.Description,
        ["Keywords"] = Strings(m.Keywords),
        ["Maintainers"] = m.Maintainers.Select(x => (object?)new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["Name"] = x.Name, ["Email"] = x.Email, ["URL"] = x.Url,
        }).ToList(),
        ["Icon"] = m.Icon,
        ["APIVersion"] = m.ApiVersion,
        ["Condition"] = m.Condition,
        ["Tags"] = m.Tags,
        ["AppVersion"] = m.AppVersion,
        ["Deprecated"] = m.Deprecated,
        ["Annotations"] = m.Annotations.ToDictionary(kv => kv.Key, kv => (object?)kv.Value, StringComparer.Ordinal),
        ["KubeVersion"] = m.KubeVersion,
        ["Dependencies"] = m.Dependencies.Select(d => (object?)new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["Name"] = d.Name, ["Version"] = d.Version, ["Repository"] = d.Repository, ["Condition"] = d.Condition,
            ["Tags"] = Strings(d.Tags), ["Enabled"] = d.Enabled, ["Alias"] = d.Alias,
        }).ToList(),
        ["Type"] = m.Type,
        ["IsRoot"] = isRoot,
    };

    public static Dictionary<string, object?> Release(ReleaseOptions r) => new(StringComparer.Ordinal)
    {
        ["Name"] = r.Name,
        ["Namespace"] = r.Namespace,
        ["IsUpgrade"] = r.IsUpgrade,
        ["IsInstall"] = r.IsInstall,
        ["Revision"] = (long)r.Revision,
        ["Service"] = "Helm",
    };

    public static GoObject Capabilities(Capabilities caps, string kubeVersion)
    {
        var (major, minor) = MajorMinor(kubeVersion);
        var kube = new GoObject { Text = kubeVersion };
        kube["Version"] = kubeVersion;
        kube["Major"] = major;
        kube["Minor"] = minor;
        kube.Methods["String"] = TemplateFunction.Of(_ => kubeVersion);
        kube.Methods["GitVersion"] = TemplateFunction.Of(_ => kubeVersion);
        var versions = caps.ApiVersions.Distinct(StringComparer.Ordinal).ToList();
        var apis = new GoObject { Text = "[" + string.Join(" ", versions) + "]" };
        for (var i = 0; i < versions.Count; i++)
        {
            apis[versions[i]] = true;
        }
        apis.Methods["Has"] = TemplateFunction.Of(a => versions.Contains((string)a[0]!, StringComparer.Ordinal), ArgType.String);
        var helm = new GoObject { Text = "{" + caps.HelmVersion + "  clean go1.23}" };
        helm["Version"] = caps.HelmVersion;
        helm["GitCommit"] = "";
        helm["GitTreeState"] = "clean";
        helm["GoVersion"] = "go1.23";
        var o = new GoObject
        {
            ["KubeVersion"] = kube,
            ["APIVersions"] = apis,
            ["HelmVersion"] = helm,
        };
        return o;
    }

    /// <summary>Normalises "1.29" / "v1.29.3" to "v1.29.3"-style text (Helm's --kube-version parsing).</summary>
    public static string NormalizeKubeVersion(string version)
    {
        var v = version.Trim();
        return v.StartsWith('v') ? v : "v" + v;
    }

    private static (string Major, string Minor) MajorMinor(string v)
    {
        var parts = v.TrimStart('v').Split('.', '-', '+');
        return (parts[0], parts.Length > 1 ? parts[1] : "0");
    }

    private static List<object?> Strings(IEnumerable<string> s) => s.Select(x => (object?)x).ToList();
}
