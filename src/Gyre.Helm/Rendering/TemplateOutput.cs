using System.Text;

namespace Gyre.Helm.Rendering;

/// <summary>What `helm template` prints for a rendered release: CRDs (when asked), the manifest, then the hooks.</summary>
public static class TemplateOutput
{
    /// <summary>Formats like `helm template` (cmd/helm/template.go): trimmed manifest, then each hook as "---\n# Source: ...".</summary>
    public static string Format(RenderedRelease release, bool includeCrds, bool skipTests = false)
    {
        ArgumentNullException.ThrowIfNull(release);
        var manifest = new StringBuilder();
        if (includeCrds)
        {
            foreach (var (path, text) in release.CrdFiles)
            {
                manifest.Append("---\n# Source: ").Append(path).Append('\n').Append(text).Append('\n');
            }
        }
        manifest.Append(release.Manifest);
        var sb = new StringBuilder();
        sb.Append(manifest.ToString().Trim()).Append('\n');
        foreach (var hook in release.Hooks)
        {
            if (skipTests && hook.Events.Contains("test"))
            {
                continue;
            }
            sb.Append("---\n# Source: ").Append(hook.Path).Append('\n').Append(hook.Manifest).Append('\n');
        }
        return sb.ToString();
    }
}
