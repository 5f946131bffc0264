using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Gyre.Templates;
using Gyre.Templates.Helm;
using Gyre.Templates.Serialization;

// Render throughput of chart-like templates: Gyre in process beside the Go oracle's -bench mode on the same requests.
// Usage: dotnet run -c Release --project bench/Gyre.Templates.Bench -- [iterations] [path/to/gotemplate-oracle]
var iterations = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2000;
var oracle = args.Length > 1 ? args[1] : null;
var charts = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "charts"), "*.json").Order(StringComparer.Ordinal).ToList();

Console.WriteLine("| template | output bytes | Gyre parse+render | Go parse+render | Gyre render | Go render |");
Console.WriteLine("|---|---|---|---|---|---|");
foreach (var chart in charts)
{
    var json = File.ReadAllText(chart);
    using var doc = JsonDocument.Parse(json);
    var root = doc.RootElement;
    var templates = root.GetProperty("templates").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
    var entry = root.GetProperty("entry").GetString()!;
    var engine = new HelmTemplateEngine(new TemplateOptions { MissingKey = MissingKeyAction.Zero }, strict: false, keepNoValue: false);
    object? Data() => JsonData.FromElement(root.GetProperty("data"));

    var data = Data();
    var set = engine.Parse(templates);
    var size = engine.Execute(set, entry, data).Length;
    for (var i = 0; i < iterations / 5 + 50; i++)
    {
        engine.Execute(engine.Parse(templates), entry, data);
    }
    var sw = Stopwatch.StartNew();
    for (var i = 0; i < iterations; i++)
    {
        engine.Execute(engine.Parse(templates), entry, data);
    }
    var parseRender = sw.Elapsed.TotalNanoseconds / iterations;
    sw.Restart();
    for (var i = 0; i < iterations; i++)
    {
        engine.Execute(set, entry, data);
    }
    var render = sw.Elapsed.TotalNanoseconds / iterations;

    var (goParseRender, goRender) = oracle != null ? RunGo(oracle, json, iterations) : (double.NaN, double.NaN);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {Path.GetFileNameWithoutExtension(chart)} | {size} | {parseRender / 1000:F1} µs | {goParseRender / 1000:F1} µs | {render / 1000:F1} µs | {goRender / 1000:F1} µs |"));
}

static (double ParseRender, double Render) RunGo(string oracle, string request, int iterations)
{
    var psi = new ProcessStartInfo(oracle, "-bench " + iterations.ToString(CultureInfo.InvariantCulture))
    {
        RedirectStandardInput = true,
        RedirectStandardOutput = true,
    };
    using var p = Process.Start(psi)!;
    p.StandardInput.Write(request);
    p.StandardInput.Close();
    var line = p.StandardOutput.ReadToEnd();
    p.WaitForExit();
    using var result = JsonDocument.Parse(line);
    return (result.RootElement.GetProperty("parseRenderNsPerOp").GetDouble(), result.RootElement.GetProperty("renderNsPerOp").GetDouble());
}
