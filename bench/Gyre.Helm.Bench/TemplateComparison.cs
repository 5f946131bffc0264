using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gyre.Helm.Charts;
using Gyre.Helm.Rendering;
using Gyre.Templates;
using Gyre.Templates.Helm;
using Gyre.Templates.Serialization;

/// <summary>
/// The template work of one chart render, done by Gyre.Templates and by the Go oracle (text/template + Sprig + Helm's
/// functions) on identical input: every template file of the chart and its subcharts in one set, each of the parent
/// chart's non-partial templates executed with the dot Helm builds (Values as coalesced by Gyre, Release, Chart,
/// Capabilities as plain maps). Values coalescing, YAML parsing of the output and sorting are not part of it.
/// </summary>
internal sealed class TemplateComparison
{
    private readonly Dictionary<string, string> _templates = new(StringComparer.Ordinal);
    private readonly List<string> _entries = [];
    private readonly string _data;

    public TemplateComparison(Chart chart, RenderedRelease rendered, ReleaseOptions release)
    {
        Collect(chart, chart.Name + "/");
        _entries.AddRange(chart.Templates.Where(t => !Path.GetFileName(t.Name).StartsWith('_')).Select(t => chart.Name + "/" + t.Name).Order(StringComparer.Ordinal));
        var version = Capabilities.DefaultKubeVersion;
        _data = new JsonObject
        {
            ["Values"] = rendered.ComputedValues.DeepClone(),
            ["Release"] = new JsonObject { ["Name"] = release.Name, ["Namespace"] = release.Namespace, ["Revision"] = release.Revision, ["IsInstall"] = true, ["IsUpgrade"] = false, ["Service"] = "Helm" },
            ["Chart"] = new JsonObject
            {
                ["Name"] = chart.Metadata.Name, ["Version"] = chart.Metadata.Version, ["AppVersion"] = chart.Metadata.AppVersion,
                ["Description"] = chart.Metadata.Description, ["Type"] = chart.Metadata.Type, ["APIVersion"] = chart.Metadata.ApiVersion,
            },
            ["Capabilities"] = new JsonObject
            {
                ["KubeVersion"] = new JsonObject { ["Version"] = version, ["GitVersion"] = version, ["Major"] = "1", ["Minor"] = "32" },
                ["HelmVersion"] = new JsonObject { ["Version"] = Capabilities.DefaultHelmVersion },
            },
        }.ToJsonString();
    }

    public int Entries => _entries.Count;

    /// <summary>Gyre: parse the set once and execute every entry; nanoseconds per chart, and the outputs.</summary>
    public (double Nanoseconds, Dictionary<string, string> Outputs) RunGyre(int iterations)
    {
        using var doc = JsonDocument.Parse(_data);
        var data = JsonData.FromElement(doc.RootElement);
        var engine = new HelmTemplateEngine(new TemplateOptions { MissingKey = MissingKeyAction.Zero }, strict: false, keepNoValue: false);
        Dictionary<string, string> Once()
        {
            var set = engine.Parse(_templates);
            return _entries.ToDictionary(e => e, e => engine.Execute(set, e, data), StringComparer.Ordinal);
        }

        var outputs = Once();
        for (var i = 0; i < iterations / 5 + 20; i++)
        {
            Once();
        }

        var sw = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++)
        {
            Once();
        }

        return (sw.Elapsed.TotalNanoseconds / iterations, outputs);
    }

    /// <summary>Go: the oracle's output for each entry, and parse-once + Σ render from its -bench mode.</summary>
    public (double Nanoseconds, Dictionary<string, string> Outputs) RunGo(string oracle, int iterations)
    {
        var outputs = new Dictionary<string, string>(StringComparer.Ordinal);
        double parse = double.MaxValue, render = 0;
        foreach (var entry in _entries)
        {
            var request = Request(entry);
            using var answer = JsonDocument.Parse(Run(oracle, "", request));
            var error = answer.RootElement.GetProperty("error").GetString();
            outputs[entry] = string.IsNullOrEmpty(error) ? answer.RootElement.GetProperty("output").GetString()! : "ERROR: " + error;
            using var timing = JsonDocument.Parse(Run(oracle, "-bench " + iterations.ToString(CultureInfo.InvariantCulture), request));
            var entryRender = timing.RootElement.GetProperty("renderNsPerOp").GetDouble();
            parse = Math.Min(parse, timing.RootElement.GetProperty("parseRenderNsPerOp").GetDouble() - entryRender);
            render += entryRender;
        }

        return (Math.Max(parse, 0) + render, outputs);
    }

    private string Request(string entry) => new JsonObject
    {
        ["helm"] = true,
        ["templates"] = new JsonObject(_templates.Select(t => KeyValuePair.Create(t.Key, (JsonNode?)t.Value))),
        ["entry"] = entry,
        ["data"] = JsonNode.Parse(_data),
    }.ToJsonString();

    private void Collect(Chart chart, string prefix)
    {
        foreach (var template in chart.Templates)
        {
            _templates[prefix + template.Name] = template.Text;
        }

        foreach (var dependency in chart.Dependencies)
        {
            Collect(dependency, prefix + "charts/" + dependency.Name + "/");
        }
    }

    private static string Run(string oracle, string arguments, string request)
    {
        var psi = new ProcessStartInfo(oracle, arguments) { RedirectStandardInput = true, RedirectStandardOutput = true };
        using var process = Process.Start(psi)!;
        process.StandardInput.Write(request);
        process.StandardInput.Close();
        var line = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return line;
    }
}
