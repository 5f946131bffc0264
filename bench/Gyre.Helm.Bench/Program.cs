using System.Diagnostics;
using System.Globalization;
using System.Text;
using Gyre.Helm.Charts;
using Gyre.Helm.Rendering;
using Gyre.Helm.Values;

// Chart render time: load a chart, then render it repeatedly (dependencies, coalescing, templates, sort) in process;
// with --oracle, the template work alone side by side with the Go oracle on the same templates and dot.
// Usage: dotnet run -c Release --project bench/Gyre.Helm.Bench -- [iterations] [--oracle path/to/gotemplate-oracle] [chart-dir...]
var iterations = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 500;
var rest = args.Skip(1).ToList();
string? oracle = null;
if (rest.Count >= 2 && rest[0] == "--oracle")
{
    oracle = rest[1];
    rest = rest[2..];
}

var root = FindRepoRoot();
var dirs = rest.Count > 0 ? rest.ToArray() :
[
    Path.Combine(root, "tests/Gyre.Helm.Tests/testdata/podinfo"),
    Path.Combine(root, "tests/Gyre.Helm.Tests/testdata/shop"),
    Path.Combine(root, "bench/Gyre.Helm.Bench/charts/podinfo"),
    Path.Combine(root, "bench/Gyre.Helm.Bench/charts/certs"),
    Path.Combine(root, "bench/Gyre.Helm.Bench/charts/webapp"),
];
var charts = dirs.Select(d => (Name(d), (string?)d, ChartLoader.LoadDirectory(d))).ToList();
charts.Add(("synthetic-40-templates", null, Synthetic(40)));

Console.WriteLine("| chart | templates | objects | manifest bytes | load | render (wall, mean) | render (CPU, mean) | allocated per render | templates only: Gyre | templates only: Go | same output as Go |");
Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
foreach (var (name, dir, chart) in charts)
{
    var load = dir == null ? double.NaN : Measure(20, () => ChartLoader.LoadDirectory(dir));
    var release = new ReleaseOptions { Name = "bench", Namespace = "default" };
    var caps = Capabilities.ForTemplate();
    var result = HelmRenderer.Render(chart, null, release, caps, null, CancellationToken.None);
    for (var i = 0; i < iterations / 5 + 20; i++)
    {
        HelmRenderer.Render(chart, null, release, caps, null, CancellationToken.None);
    }
    var before = GC.GetAllocatedBytesForCurrentThread();
    var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
    var render = Measure(iterations, () => HelmRenderer.Render(chart, null, release, caps, null, CancellationToken.None));
    var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalNanoseconds / iterations;
    var allocated = (GC.GetAllocatedBytesForCurrentThread() - before) / iterations;
    var templates = CountTemplates(chart);
    var comparison = new TemplateComparison(chart, result, release);
    var (gyreTemplates, goTemplates, same) = (double.NaN, double.NaN, "—");
    Dictionary<string, string> gyreOutputs = [];
    try
    {
        (gyreTemplates, gyreOutputs) = comparison.RunGyre(iterations);
    }
    catch (Gyre.Templates.TemplateException e)
    {
        // The oracle's dot is plain maps: .Files and .Capabilities.APIVersions.Has have no Go-side equivalent.
        same = "not comparable: " + e.Message.Split(": ").Last();
    }

    if (oracle != null && gyreOutputs.Count > 0)
    {
        var (goNs, goOutputs) = comparison.RunGo(oracle, iterations);
        goTemplates = goNs;
        var equal = gyreOutputs.Count(o => goOutputs[o.Key] == o.Value);
        same = $"{equal}/{gyreOutputs.Count}";
        foreach (var differing in gyreOutputs.Where(o => goOutputs[o.Key] != o.Value))
        {
            Console.Error.WriteLine($"{name}: {differing.Key} differs from Go:\n--- Gyre\n{differing.Value}\n--- Go\n{goOutputs[differing.Key]}");
        }
    }
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {templates} | {result.Objects.Count} | {result.Manifest.Length} | {load / 1000:F0} µs | {render / 1000:F0} µs | {cpu / 1000:F0} µs | {allocated / 1024} KiB | {gyreTemplates / 1000:F0} µs | {goTemplates / 1000:F0} µs | {same} |"));
}

static double Measure(int n, Action action)
{
    var sw = Stopwatch.StartNew();
    for (var i = 0; i < n; i++)
    {
        action();
    }
    return sw.Elapsed.TotalNanoseconds / n;
}

static string Name(string dir) => Path.GetFileName(dir) + (dir.Contains("testdata", StringComparison.Ordinal) ? " (Gyre.Helm.Tests testdata)" : string.Empty);

static int CountTemplates(Chart c) => c.Templates.Count + c.Dependencies.Sum(CountTemplates);

static string FindRepoRoot()
{
    var dir = new DirectoryInfo(AppContext.BaseDirectory);
    while (dir != null && !File.Exists(Path.Combine(dir.FullName, "Gyre.slnx")))
    {
        dir = dir.Parent;
    }
    return dir?.FullName ?? Directory.GetCurrentDirectory();
}

// A chart shaped like the large public ones (cert-manager, Bitnami): helpers, and many Deployment/Service pairs using them.
static Chart Synthetic(int count)
{
    var helpers = "{{- define \"s.fullname\" -}}{{ printf \"%s-%s\" .Release.Name .Chart.Name | trunc 63 | trimSuffix \"-\" }}{{- end }}\n" +
        "{{- define \"s.labels\" -}}\napp.kubernetes.io/name: {{ .Chart.Name }}\napp.kubernetes.io/instance: {{ .Release.Name }}\nhelm.sh/chart: {{ .Chart.Name }}-{{ .Chart.Version }}\n{{- end }}\n";
    var templates = new List<ChartFile> { new("templates/_helpers.tpl", Encoding.UTF8.GetBytes(helpers)) };
    var values = new StringBuilder("components:\n");
    for (var i = 0; i < count; i++)
    {
        values.Append(CultureInfo.InvariantCulture, $"  c{i}:\n    replicas: {i % 3 + 1}\n    image: registry.example.com/c{i}:1.{i}.0\n    port: {8000 + i}\n    env:\n      LOG_LEVEL: info\n      FEATURE_{i}: \"true\"\n    resources:\n      limits: {{cpu: 500m, memory: 256Mi}}\n");
        var t = "{{- with .Values.components.c" + i + " }}\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include \"s.fullname\" $ }}-c" + i +
            "\n  labels:\n    {{- include \"s.labels\" $ | nindent 4 }}\nspec:\n  replicas: {{ .replicas }}\n  template:\n    spec:\n      containers:\n        - name: c" + i +
            "\n          image: {{ .image | quote }}\n          env:\n          {{- range $k, $v := .env }}\n            - name: {{ $k }}\n              value: {{ $v | quote }}\n          {{- end }}\n" +
            "          resources:\n            {{- toYaml .resources | nindent 12 }}\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: {{ include \"s.fullname\" $ }}-c" + i +
            "\nspec:\n  ports:\n    - port: {{ .port }}\n{{- end }}\n";
        templates.Add(new ChartFile("templates/c" + i + ".yaml", Encoding.UTF8.GetBytes(t)));
    }
    return new Chart
    {
        Metadata = new ChartMetadata { Name = "synthetic", Version = "1.0.0" },
        Templates = templates,
        Values = ValuesFile.Parse(values.ToString(), "synthetic"),
    };
}
