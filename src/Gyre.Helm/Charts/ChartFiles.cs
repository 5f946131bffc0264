using Gyre.Helm.Values;

namespace Gyre.Helm.Charts;

/// <summary>Helm's loader.LoadFiles: sorts a chart's files into metadata, values, schema, templates, subcharts and other files.</summary>
internal static class ChartFiles
{
    public static Chart Load(IReadOnlyList<ChartFile> files, string source)
    {
        ChartMetadata? metadata = null;
        var values = GoValues.NewMap();
        string? schema = null;
        System.Text.Json.Nodes.JsonObject? lockFile = null;
        IReadOnlyList<ChartDependency>? requirements = null;
        var templates = new List<ChartFile>();
        var other = new List<ChartFile>();
        var subcharts = new SortedDictionary<string, List<ChartFile>>(StringComparer.Ordinal);
        foreach (var f in files)
        {
            switch (f.Name)
            {
                case "Chart.yaml":
                    metadata = ChartMetadataReader.Read(f.Text, source);
                    break;
                case "Chart.lock" or "requirements.lock":
                    lockFile = GoValues.ToJson(GoValues.ParseYaml(f.Text, source + "/" + f.Name));
                    break;
                case "values.yaml":
                    values = GoValues.ParseYaml(f.Text, source + "/values.yaml");
                    break;
                case "values.schema.json":
                    schema = f.Text;
                    break;
                case "requirements.yaml":
                    requirements = ChartMetadataReader.Dependencies(GoValues.ParseYaml(f.Text, source + "/requirements.yaml"), source);
                    break;
                default:
                    if (f.Name.StartsWith("templates/", StringComparison.Ordinal))
                    {
                        templates.Add(f);
                    }
                    else if (f.Name.StartsWith("charts/", StringComparison.Ordinal))
                    {
                        var rest = f.Name["charts/".Length..];
                        var cname = rest.Split('/', 2)[0];
                        if (!subcharts.TryGetValue(cname, out var list))
                        {
                            subcharts[cname] = list = [];
                        }
                        list.Add(f with { Name = rest });
                    }
                    else
                    {
                        other.Add(f);
                    }
                    break;
            }
        }
        if (metadata == null)
        {
            throw new HelmException(source + ": cannot load chart: Chart.yaml file is missing", source);
        }
        if (requirements != null && metadata.ApiVersion == "v1" && metadata.Dependencies.Count == 0)
        {
            metadata = metadata with { Dependencies = requirements };
            ChartMetadataReader.ValidateDependencies(requirements, source + "/requirements.yaml");
        }
        var name = metadata.Name;
        var dependencies = new List<Chart>();
        foreach (var (n, list) in subcharts)
        {
            if (n.IndexOfAny(['_', '.']) == 0)
            {
                continue;
            }
            try
            {
                if (n.EndsWith(".tgz", StringComparison.Ordinal))
                {
                    using var stream = new MemoryStream(list[0].Data.ToArray());
                    dependencies.Add(Load(ChartLoader.ReadArchive(stream), source + "/charts/" + n));
                    continue;
                }
                var inner = list.Where(f => f.Name.Contains('/', StringComparison.Ordinal))
                    .Select(f => f with { Name = f.Name.Split('/', 2)[1] }).ToList();
                dependencies.Add(Load(inner, source + "/charts/" + n));
            }
            catch (HelmException e)
            {
                throw new HelmException(source + ": error unpacking subchart " + n + " in " + name + ": " + e.Message, name, innerException: e);
            }
        }
        return new Chart
        {
            Metadata = metadata,
            Templates = templates,
            Files = other,
            Values = GoValues.ToJson(values),
            Schema = schema,
            Lock = lockFile,
            Dependencies = dependencies,
        };
    }
}
