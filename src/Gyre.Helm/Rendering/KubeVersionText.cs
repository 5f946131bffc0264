using Gyre.Templates.Helm;

namespace Gyre.Helm.Rendering;

/// <summary>Helm's chartutil.ParseKubeVersion: any semver ("1.29", "v1.29.3-gke.1") normalised to "v1.29.0"-style text.</summary>
internal static class KubeVersionText
{
    public static string Parse(string version)
    {
        var v = (version ?? "").Trim();
        if (!HelmSemver.IsVersion(v))
        {
            throw new HelmException("capabilities: invalid Kubernetes version " + Quote(v) + ": not a semantic version; use e.g. 1.31.0");
        }
        var body = v.TrimStart('v');
        var suffixAt = body.IndexOfAny(['-', '+']);
        var core = suffixAt < 0 ? body : body[..suffixAt];
        var suffix = suffixAt < 0 ? "" : body[suffixAt..];
        var parts = core.Split('.').Select(p => p.TrimStart('0').Length == 0 ? "0" : p.TrimStart('0')).ToList();
        while (parts.Count < 3)
        {
            parts.Add("0");
        }
        return "v" + string.Join('.', parts) + suffix;
    }

    private static string Quote(string s) => "\"" + s + "\"";
}
