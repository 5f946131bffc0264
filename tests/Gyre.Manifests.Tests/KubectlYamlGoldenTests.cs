using System.Text.RegularExpressions;

namespace Gyre.Manifests.Tests;

/// <summary>
/// Differential tests against kubectl: each testdata/yaml case was read by `kubectl label --local -f CASE gyre-probe=1`
/// (the same decoding path as `kubectl apply -f`) and printed with -o json and -o yaml; Gyre must read the case to the
/// same objects and print the same bytes. testdata/regenerate.sh rebuilds the expectations with kubectl.
/// </summary>
public sealed partial class KubectlYamlGoldenTests
{
    private static readonly string CaseDirectory = Path.Combine(AppContext.BaseDirectory, "testdata", "yaml");

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var name in CaseNames())
        {
            data.Add(name);
        }

        return data;
    }

    private static IEnumerable<string> CaseNames() =>
        Directory.GetFiles(CaseDirectory, "*.yaml")
            .Where(f => !f.EndsWith(".out.yaml", StringComparison.Ordinal))
            .Select(Path.GetFileNameWithoutExtension)
            .Order(StringComparer.Ordinal)!;

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reads_and_prints_json_as_kubectl_does(string name)
    {
        var input = File.ReadAllText(Path.Combine(CaseDirectory, name + ".yaml"));
        var errorFile = Path.Combine(CaseDirectory, name + ".error");
        if (File.Exists(errorFile))
        {
            var expected = File.ReadAllText(errorFile);
            var ex = Assert.Throws<ManifestException>(() => ReadAndLabel(input, name).ForEach(o => o.ToJson()));
            Assert.Contains(name, ex.Message, StringComparison.Ordinal);
            if (LineOf(expected) is { } line)
            {
                Assert.InRange(ex.Line, line - 1, line + 1);
            }

            return;
        }

        var objects = ReadAndLabel(input, name);
        var json = string.Concat(objects.Select(o => o.ToJson(indented: true) + "\n"));
        Assert.Equal(File.ReadAllText(Path.Combine(CaseDirectory, name + ".json")), json);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Prints_yaml_as_kubectl_does(string name)
    {
        var expectedFile = Path.Combine(CaseDirectory, name + ".out.yaml");
        if (!File.Exists(expectedFile))
        {
            // No YAML expectation: kubectl refused the input, or its -o yaml is not a reference (see make-cases.py).
            Assert.True(File.Exists(Path.Combine(CaseDirectory, name + ".error")) || name.EndsWith("_json_only", StringComparison.Ordinal));
            return;
        }

        var objects = ReadAndLabel(File.ReadAllText(Path.Combine(CaseDirectory, name + ".yaml")), name);
        Assert.Equal(File.ReadAllText(expectedFile), string.Concat(objects.Select(o => o.ToYaml())));
    }

    [Fact]
    public void Yaml_printed_by_gyre_reads_back_to_the_same_json()
    {
        foreach (var name in CaseNames())
        {
            if (!File.Exists(Path.Combine(CaseDirectory, name + ".json")))
            {
                continue;
            }

            foreach (var obj in ReadAndLabel(File.ReadAllText(Path.Combine(CaseDirectory, name + ".yaml")), name))
            {
                var again = KubeObject.Parse(obj.ToYaml());
                Assert.Equal(obj.ToJson(), again.ToJson());
            }
        }
    }

    private static List<KubeObject> ReadAndLabel(string input, string name)
    {
        var objects = KubeObject.ParseStream(input, name + ".yaml").ToList();
        objects.ForEach(o => o.SetLabel("gyre-probe", "1"));
        return objects;
    }

    private static int? LineOf(string kubectlError) =>
        LinePattern().Match(kubectlError) is { Success: true } m ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null;

    [GeneratedRegex(@"line (\d+):")]
    private static partial Regex LinePattern();
}
