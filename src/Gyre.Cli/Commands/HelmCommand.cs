using System.CommandLine;
using System.Text.Json.Nodes;
using Gyre.Helm;
using Gyre.Helm.Charts;
using Gyre.Helm.Rendering;
using Gyre.Helm.Values;

namespace Gyre.Cli.Commands;

/// <summary>`gyre helm template NAME CHART`: renders a chart in-process and prints what `helm template` prints.</summary>
internal static class HelmCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("helm", "Work with Helm charts using Gyre's in-process Helm engine\n\nExample:\n  gyre helm template web ./charts/podinfo --set replicaCount=2");
        command.Subcommands.Add(CreateTemplate(console));
        return command;
    }

    private static Command CreateTemplate(CliConsole console)
    {
        var name = new Argument<string>("NAME") { Description = "The release name" };
        var chart = new Argument<string>("CHART") { Description = "A chart directory or a packaged chart (.tgz)" };
        var valueFiles = new Option<string[]>("--values", "-f") { Description = "Values files, later ones win (repeatable)", AllowMultipleArgumentsPerToken = false };
        var set = new Option<string[]>("--set") { Description = "Set values: a.b=v,c[0]=w (repeatable)" };
        var setString = new Option<string[]>("--set-string") { Description = "Set values as strings (repeatable)" };
        var setFile = new Option<string[]>("--set-file") { Description = "Set values from files: key=path (repeatable)" };
        var setJson = new Option<string[]>("--set-json") { Description = "Set JSON values: key={\"a\":1} (repeatable)" };
        var setLiteral = new Option<string[]>("--set-literal") { Description = "Set a literal string value: key=value, no commas or escapes parsed in the value (repeatable)" };
        var ns = new Option<string>("--namespace", "-n") { Description = "The release namespace", DefaultValueFactory = _ => "default" };
        var includeCrds = new Option<bool>("--include-crds") { Description = "Print the chart's CRDs first" };
        var skipTests = new Option<bool>("--skip-tests") { Description = "Leave test hooks out" };
        var kubeVersion = new Option<string>("--kube-version") { Description = "Kubernetes version for Capabilities.KubeVersion (default v1.32.0, as Helm 3.17 reports)" };
        var apiVersions = new Option<string[]>("--api-versions", "-a") { Description = "Extra API versions for Capabilities.APIVersions (repeatable)" };
        var template = new Command("template", "Render a chart locally and print the manifests as `helm template` does\n\nExample:\n  gyre helm template web ./podinfo -f prod.yaml --set image.tag=6.5.0 --namespace apps");
        template.Arguments.Add(name);
        template.Arguments.Add(chart);
        foreach (var option in new Option[] { valueFiles, set, setString, setFile, setJson, setLiteral, ns, includeCrds, skipTests, kubeVersion, apiVersions })
        {
            template.Options.Add(option);
        }
        template.SetAction((parse, cancellationToken) =>
        {
            var values = new JsonObject();
            foreach (var file in parse.GetValue(valueFiles) ?? [])
            {
                var parsed = ValuesFile.Parse(ReadFile(file), file);
                values = ValuesCoalescer.MergeMaps(values, parsed);
            }
            // Helm's order (values.Options.MergeValues): --set-json, --set, --set-string, --set-file, --set-literal.
            Apply(parse.GetValue(setJson), e => SetValuesParser.ParseSetJson(e, values));
            Apply(parse.GetValue(set), e => SetValuesParser.ParseSet(e, values));
            Apply(parse.GetValue(setString), e => SetValuesParser.ParseSetString(e, values));
            Apply(parse.GetValue(setFile), e => SetValuesParser.ParseSetFile(e, values, ReadFile));
            Apply(parse.GetValue(setLiteral), e => SetValuesParser.ParseSetLiteral(e, values));
            var release = new ReleaseOptions { Name = parse.GetValue(name)!, Namespace = parse.GetValue(ns) ?? "default" };
            var caps = Capabilities.ForTemplate(parse.GetValue(kubeVersion), parse.GetValue(apiVersions));
            var rendered = HelmRenderer.Render(Load(parse.GetValue(chart)!), values, release, caps, null, cancellationToken);
            console.Out.Write(TemplateOutput.Format(rendered, parse.GetValue(includeCrds), parse.GetValue(skipTests)));
            return Task.FromResult(ExitCodes.Success);
        });
        return template;
    }

    private static void Apply(string[]? expressions, Action<string> apply)
    {
        foreach (var e in expressions ?? [])
        {
            apply(e);
        }
    }

    private static Chart Load(string path)
    {
        if (Directory.Exists(path))
        {
            return ChartLoader.LoadDirectory(path);
        }
        if (!File.Exists(path))
        {
            throw new HelmException("helm template: cannot load chart " + path + ": no such file or directory; pass a chart directory or a .tgz");
        }
        using var stream = File.OpenRead(path);
        return ChartLoader.LoadArchive(stream);
    }

    private static string ReadFile(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException e)
        {
            throw new HelmException("helm template: cannot read " + path + ": " + e.Message);
        }
    }
}
