using System.Text;
using System.Text.Json.Nodes;
using Gyre.Helm.Charts;
using Gyre.Helm.Values;
using Gyre.Manifests;
using Gyre.Templates;
using Gyre.Templates.Helm;

namespace Gyre.Helm.Rendering;

/// <summary>
/// Renders a chart as Helm's install/upgrade/template does (action.renderResources): dependencies processed, values
/// coalesced and validated, every template executed, NOTES.txt split out, documents sorted in install order with hooks
/// separated.
/// </summary>
public static class HelmRenderer
{
    private const string NotesFile = "NOTES.txt";

    /// <summary>Renders <paramref name="chart"/> with user <paramref name="values"/> for <paramref name="release"/>.</summary>
    /// <param name="lookup">Live cluster reads for <c>lookup</c>; null gives Helm's template-mode empty results.</param>
    /// <exception cref="HelmException">Values are invalid, the chart is incompatible, or a template fails.</exception>
    public static RenderedRelease Render(Chart chart, JsonObject? values, ReleaseOptions release, Capabilities capabilities, IResourceLookup? lookup, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chart);
        ArgumentNullException.ThrowIfNull(release);
        ArgumentNullException.ThrowIfNull(capabilities);
        var kubeVersion = KubeVersionText.Parse(capabilities.KubeVersion);
        RenderChecks.Run(chart, release, kubeVersion);
        var processed = DependencyProcessor.Process(chart, values);
        var computed = Coalescing.Values(processed, GoValues.FromJson(values), merge: false);
        if (!release.SkipSchemaValidation)
        {
            SchemaValidation.Validate(processed, computed);
        }

        var top = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["Release"] = TemplateObjects.Release(release),
            ["Capabilities"] = TemplateObjects.Capabilities(capabilities, kubeVersion),
            ["Values"] = computed,
        };
        var rendered = Execute(TemplateTree.Collect(processed, top), lookup, cancellationToken);
        var notes = new StringBuilder();
        foreach (var name in rendered.Keys.Where(k => k.EndsWith(NotesFile, StringComparison.Ordinal)).ToList())
        {
            if (name == processed.Name + "/templates/" + NotesFile)
            {
                notes.Append(rendered[name]);
            }
            rendered.Remove(name);
        }
        var (manifests, hooks) = ManifestSorter.Sort(rendered);
        var text = new StringBuilder();
        foreach (var m in manifests)
        {
            text.Append("---\n# Source: ").Append(m.Path).Append('\n').Append(m.Content).Append('\n');
        }
        var crdFiles = TemplateTree.Crds(processed, processed.Name);
        return new RenderedRelease
        {
            Manifest = text.ToString(),
            Hooks = hooks,
            Notes = notes.ToString(),
            Objects = manifests.Where(m => m.Object != null).Select(m => new KubeObject(m.Object!)).ToList(),
            Crds = crdFiles.SelectMany(f => ParseCrds(f.Path, f.Text)).ToList(),
            CrdFiles = crdFiles,
            ComputedValues = GoValues.ToJson(computed),
        };
    }

    /// <summary>
    /// The CustomResourceDefinitions of the chart's crds/ directories, subcharts disabled by <paramref name="values"/>
    /// left out: what install and upgrade apply before rendering, so the templates' .Capabilities can see them.
    /// </summary>
    /// <exception cref="HelmException">A crds/ file does not parse.</exception>
    public static IReadOnlyList<KubeObject> Crds(Chart chart, JsonObject? values)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var processed = DependencyProcessor.Process(chart, values);
        return TemplateTree.Crds(processed, processed.Name).SelectMany(f => ParseCrds(f.Path, f.Text)).ToList();
    }

    private static Dictionary<string, string> Execute(Dictionary<string, TemplateTree.Renderable> templates, IResourceLookup? lookup, CancellationToken cancellationToken)
    {
        var engine = new HelmTemplateEngine(new TemplateOptions { MissingKey = MissingKeyAction.Zero }, strict: false, keepNoValue: false)
        {
            Lookup = lookup == null ? null : (apiVersion, kind, ns, name) => LiveLookup(lookup, apiVersion, kind, ns, name, cancellationToken),
        };
        TemplateSet set;
        try
        {
            set = engine.Parse(templates.ToDictionary(kv => kv.Key, kv => kv.Value.Text, StringComparer.Ordinal));
        }
        catch (TemplateException e)
        {
            throw Failure(e.File ?? "", e);
        }
        var rendered = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in HelmTemplateEngine.ParseOrder(templates.Keys))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Path.GetFileName(name).StartsWith('_'))
            {
                continue;
            }
            var t = templates[name];
            var data = new Dictionary<string, object?>(t.Data, StringComparer.Ordinal)
            {
                ["Template"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["Name"] = name, ["BasePath"] = t.BasePath },
            };
            try
            {
                rendered[name] = engine.Execute(set, name, data);
            }
            catch (TemplateException e)
            {
                throw Failure(name, e);
            }
        }
        return rendered;
    }

    private static HelmException Failure(string name, TemplateException e) =>
        new(HelmTemplateEngine.HelmErrorText(name, e), name.Split('/')[0], e.File ?? name, e.Line ?? 0);

    private static Dictionary<string, object?> LiveLookup(IResourceLookup lookup, string apiVersion, string kind, string ns, string name, CancellationToken cancellationToken)
    {
        JsonObject? found;
        try
        {
            found = lookup.Lookup(apiVersion, kind, ns, name, cancellationToken);
        }
        catch (HelmException e)
        {
            throw new Templates.Functions.TemplateFunctionException(e.Message);
        }
        return found == null ? GoValues.NewMap() : GoValues.FromJson(found);
    }

    private static IEnumerable<KubeObject> ParseCrds(string path, string text)
    {
        try
        {
            return KubeObject.ParseStream(text, path);
        }
        catch (ManifestException e)
        {
            throw new HelmException(path + ": cannot parse CRD: " + e.Reason, template: path, line: e.Line);
        }
    }
}
