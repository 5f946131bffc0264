using System.CommandLine;
using System.Text.Json.Nodes;
using Gyre.Cli.Flux;
using Gyre.Manifests.Yaml;

namespace Gyre.Cli.Commands;

/// <summary>`gyre create helmrelease`: a HelmRelease from a chart in a source (--source/--chart) or an existing chart artifact (--chart-ref).</summary>
internal static class CreateHelmReleaseCommand
{
    private static readonly string[] ChartSourceKinds = ["HelmRepository", "GitRepository", "Bucket"];
    private static readonly string[] ChartRefKinds = ["OCIRepository", "HelmChart", "ExternalArtifact"];

    public static Command Create(CliConsole console)
    {
        var source = new Option<string?>("--source") { Description = "Kind/name[.namespace] of the chart's source: HelmRepository, GitRepository or Bucket" };
        var chart = new Option<string?>("--chart") { Description = "Chart name (HelmRepository) or path (GitRepository, Bucket)" };
        var chartVersion = new Option<string?>("--chart-version") { Description = "Chart version or semver range (HelmRepository)" };
        var chartRef = new Option<string?>("--chart-ref") { Description = "Kind/name[.namespace] of an OCIRepository or HelmChart holding the chart, instead of --source/--chart" };
        var targetNamespace = new Option<string?>("--target-namespace") { Description = "Namespace to install the release in" };
        var createNamespace = new Option<bool>("--create-target-namespace") { Description = "Create the target namespace if missing" };
        var releaseName = new Option<string?>("--release-name") { Description = "Helm release name (default: [target-namespace-]name)" };
        var values = new Option<FileInfo[]>("--values") { Description = "Values files merged in order (repeatable)" };
        var dependsOn = new Option<string[]>("--depends-on") { Description = "HelmReleases that must be Ready first, name or namespace/name (repeatable)" };
        var command = new Command("helmrelease", """
            Create or update a HelmRelease

            Examples:
              gyre create helmrelease podinfo --source HelmRepository/podinfo --chart podinfo --chart-version ">=6.0.0"
              gyre create helmrelease podinfo --chart-ref OCIRepository/podinfo --values ./values.yaml --export
            """)
        {
            source, chart, chartVersion, chartRef, targetNamespace, createNamespace, releaseName, values, dependsOn,
        };
        command.Aliases.Add("hr");
        var options = CreateOptions.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
        {
            var spec = new JsonObject { ["interval"] = options.IntervalText(parse) };
            if (parse.GetValue(chartRef) is { } reference)
            {
                spec["chartRef"] = KindReference.Parse("--chart-ref", reference, "OCIRepository", ChartRefKinds);
            }
            else if (parse.GetValue(source) is { } sourceText && parse.GetValue(chart) is { } chartName)
            {
                var chartSpec = new JsonObject { ["chart"] = chartName, ["sourceRef"] = KindReference.Parse("--source", sourceText, "HelmRepository", ChartSourceKinds) };
                CreateSourceGitCommand.Set(chartSpec, "version", parse.GetValue(chartVersion));
                spec["chart"] = new JsonObject { ["spec"] = chartSpec };
            }
            else
            {
                throw new CommandException("create helmrelease: give --source and --chart, or --chart-ref; e.g. --source HelmRepository/podinfo --chart podinfo", ExitCodes.Usage);
            }

            CreateSourceGitCommand.Set(spec, "targetNamespace", parse.GetValue(targetNamespace));
            CreateSourceGitCommand.Set(spec, "releaseName", parse.GetValue(releaseName));
            if (parse.GetValue(createNamespace))
            {
                spec["install"] = new JsonObject { ["createNamespace"] = true };
            }

            if (parse.GetValue(dependsOn) is { Length: > 0 } dependencies)
            {
                spec["dependsOn"] = new JsonArray(dependencies.Select(d => (JsonNode)(d.Split('/', 2) is [var ns, var name]
                    ? new JsonObject { ["name"] = name, ["namespace"] = ns }
                    : new JsonObject { ["name"] = d })).ToArray());
            }

            if (parse.GetValue(values) is { Length: > 0 } files)
            {
                spec["values"] = MergeValues(files);
            }

            return options.ExportOrApplyAsync(parse, console, FluxKinds.HelmRelease, options.NewObject(parse, FluxKinds.HelmRelease, spec), wait: true, cancellationToken);
        });
        return command;
    }

    // As flux's --values: later files override earlier ones, maps merged key by key.
    private static JsonObject MergeValues(FileInfo[] files)
    {
        var merged = new JsonObject();
        foreach (var file in files)
        {
            if (!file.Exists)
            {
                throw new CommandException($"--values {file.FullName}: file not found", ExitCodes.Usage);
            }

            if (YamlReader.ReadSingle(File.ReadAllText(file.FullName), file.FullName) is JsonObject values)
            {
                Merge(merged, values);
            }
        }

        return merged;
    }

    private static void Merge(JsonObject target, JsonObject source)
    {
        foreach (var (key, value) in source)
        {
            if (value is JsonObject child && target[key] is JsonObject existing)
            {
                Merge(existing, child);
            }
            else
            {
                target[key] = value?.DeepClone();
            }
        }
    }
}
