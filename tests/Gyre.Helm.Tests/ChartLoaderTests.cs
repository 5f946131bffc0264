using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using Gyre.Helm.Charts;

namespace Gyre.Helm.Tests;

public sealed class ChartLoaderTests
{
    private static MemoryStream Archive(params (string Name, string Text)[] entries)
    {
        var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gz, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var (name, text) in entries)
            {
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text)) });
            }
        }
        ms.Position = 0;
        return ms;
    }

    private const string ChartYaml = "apiVersion: v2\nname: demo\nversion: 0.1.0\n";

    [Fact]
    public void Loads_a_directory_with_metadata_values_templates_files_and_crds()
    {
        var c = TestData.Load("podinfo");
        Assert.Equal(("podinfo", "6.5.0", "6.5.0", "v2"), (c.Metadata.Name, c.Metadata.Version, c.Metadata.AppVersion, c.Metadata.ApiVersion));
        Assert.Equal(">=1.19.0-0", c.Metadata.KubeVersion);
        Assert.Equal("stefanprodan", Assert.Single(c.Metadata.Maintainers).Name);
        Assert.Equal(9898, (double)c.Values["service"]!["httpPort"]!);
        Assert.Contains(c.Templates, t => t.Name == "templates/_helpers.tpl");
        Assert.Contains(c.Templates, t => t.Name == "templates/tests/test-connection.yaml");
        Assert.Equal(["crds/podinfos.yaml"], c.Crds.Select(f => f.Name));
        Assert.Contains(c.Files, f => f.Name == "files/app.conf");
    }

    [Fact]
    public void Honours_helmignore_rules()
    {
        var c = TestData.Load("podinfo");
        Assert.DoesNotContain(c.Files, f => f.Name.StartsWith("notes/", StringComparison.Ordinal));
    }

    [Fact]
    public void Loads_subcharts_from_charts_directories()
    {
        var c = TestData.Load("shop");
        Assert.Equal(["common", "metrics", "redis"], c.Dependencies.Select(d => d.Name));
        Assert.True(c.Dependencies[0].Metadata.IsLibrary);
        var redis = c.Metadata.Dependencies.Single(d => d.Name == "redis");
        Assert.Equal(("cache", "cache.enabled", "~17.3.0"), (redis.Alias, redis.Condition, redis.Version));
        Assert.Equal(2, redis.ImportValues!.Count);
    }

    [Fact]
    public void Loads_an_archive_with_a_subchart_archive_inside()
    {
        var sub = Archive(("db/Chart.yaml", "apiVersion: v2\nname: db\nversion: 1.0.0\n"), ("db/values.yaml", "port: 5432\n"));
        var subBytes = Encoding.Latin1.GetString(sub.ToArray());
        var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gz, TarEntryFormat.Pax, leaveOpen: true))
        {
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "demo/Chart.yaml") { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(ChartYaml)) });
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "demo/templates/cm.yaml") { DataStream = new MemoryStream("kind: ConfigMap\n"u8.ToArray()) });
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "demo/charts/db-1.0.0.tgz") { DataStream = new MemoryStream(Encoding.Latin1.GetBytes(subBytes)) });
        }
        ms.Position = 0;
        var c = ChartLoader.LoadArchive(ms);
        Assert.Equal("demo", c.Name);
        Assert.Equal(["templates/cm.yaml"], c.Templates.Select(t => t.Name));
        var db = Assert.Single(c.Dependencies);
        Assert.Equal(5432, (double)db.Values["port"]!);
    }

    [Theory]
    [InlineData("demo/../../etc/passwd", "archive: chart illegally references parent directory")]
    [InlineData("demo/a/../../../x", "archive: chart illegally references parent directory")]
    [InlineData("demo/c:/windows/x", "archive: chart contains illegally named files")]
    [InlineData("Chart.yaml", "archive: chart illegally contains content outside the base directory: \"Chart.yaml\"")]
    public void Refuses_archive_paths_that_escape_the_chart(string entry, string message)
    {
        var e = Assert.Throws<HelmException>(() => ChartLoader.LoadArchive(Archive(("demo/Chart.yaml", ChartYaml), (entry, "x"))));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Refuses_a_file_larger_than_helms_limit()
    {
        var big = new string('a', (int)ChartLoader.MaxDecompressedFileSize + 1);
        var e = Assert.Throws<HelmException>(() => ChartLoader.LoadArchive(Archive(("demo/Chart.yaml", ChartYaml), ("demo/big.txt", big))));
        Assert.Contains("larger than the maximum file size", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_something_that_is_not_a_gzipped_tar()
    {
        var e = Assert.Throws<HelmException>(() => ChartLoader.LoadArchive(new MemoryStream("plain text"u8.ToArray())));
        Assert.StartsWith("archive: cannot read chart archive: ", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("apiVersion: v2\nversion: 1.0.0\n", "validation: chart.metadata.name is required")]
    [InlineData("apiVersion: v2\nname: x\n", "validation: chart.metadata.version is required")]
    [InlineData("apiVersion: v2\nname: x\nversion: one\n", "validation: chart.metadata.version \"one\" is invalid")]
    [InlineData("apiVersion: v3\nname: x\nversion: 1.0.0\n", "validation: chart.metadata.apiVersion \"v3\" is invalid; use v2")]
    [InlineData("apiVersion: v2\nname: x\nversion: 1.0.0\ntype: plugin\n", "validation: chart.metadata.type must be application or library")]
    [InlineData("apiVersion: v2\nname: x\nversion: 1.0.0\ndependencies:\n- {name: db, alias: my.db}\n", "validation: dependency \"db\" has disallowed characters in the alias")]
    [InlineData("apiVersion: v2\nname: x\nversion: 1.0.0\ndependencies:\n- {name: db}\n- {name: cache, alias: db}\n", "validation: more than one dependency with name or alias \"db\"")]
    public void Validates_chart_yaml(string chartYaml, string reason)
    {
        var e = Assert.Throws<HelmException>(() => ChartLoader.LoadArchive(Archive(("x/Chart.yaml", chartYaml))));
        Assert.EndsWith(reason, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_v1_chart_takes_dependencies_from_requirements_yaml()
    {
        var c = ChartLoader.LoadArchive(Archive(
            ("old/Chart.yaml", "name: old\nversion: 1.0.0\n"),
            ("old/requirements.yaml", "dependencies:\n  - name: db\n    version: 1.x\n    condition: db.enabled\n")));
        Assert.Equal("v1", c.Metadata.ApiVersion);
        Assert.Equal("db.enabled", Assert.Single(c.Metadata.Dependencies).Condition);
    }

    [Fact]
    public void A_missing_chart_yaml_is_reported()
    {
        var e = Assert.Throws<HelmException>(() => ChartLoader.LoadArchive(Archive(("x/values.yaml", "a: 1\n"))));
        Assert.Equal("archive: cannot load chart: Chart.yaml file is missing", e.Message);
    }

    [Theory]
    [InlineData("*.swp", "a/b.swp", false, true)]
    [InlineData("*.swp", "a/b.yaml", false, false)]
    [InlineData("secret/", "secret", true, true)]
    [InlineData("secret/", "secret", false, false)]
    [InlineData("/top.txt", "top.txt", false, true)]
    [InlineData("docs/*.md", "docs/a.md", false, true)]
    [InlineData("docs/*.md", "docs/x/a.md", false, false)]
    [InlineData("", "templates/.hidden.yaml", false, true)]
    [InlineData("file[0-9].txt", "file7.txt", false, true)]
    public void Helmignore_patterns_match_as_helm_matches_them(string rule, string path, bool isDir, bool ignored)
    {
        Assert.Equal(ignored, HelmIgnore.Parse(rule).Ignores(path, isDir));
    }

    [Fact]
    public void Helmignore_refuses_double_star()
    {
        Assert.Throws<HelmException>(() => HelmIgnore.Parse("**/x"));
    }
}
