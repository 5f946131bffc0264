using System.Text.Json;
using Gyre.Helm.Rendering;
using Gyre.Helm.Values;

namespace Gyre.Helm.Tests;

/// <summary>
/// Chart templates rendered by Gyre compared with the Go template oracle (real text/template + Sprig + Helm's functions)
/// given the same templates and data; requests and responses in testdata/oracle (gen-requests.py, regenerate.sh).
/// </summary>
public sealed class OracleTemplateTests
{
    [Theory]
    [InlineData("deployment-defaults")]
    [InlineData("deployment-overrides")]
    [InlineData("service-overrides")]
    public void A_podinfo_template_renders_as_go_renders_it(string name)
    {
        var request = JsonDocument.Parse(TestData.Text("oracle/" + name + ".request.json")).RootElement;
        var entry = request.GetProperty("entry").GetString()!;
        var expected = JsonDocument.Parse(TestData.Text("oracle/" + name + ".expected.json")).RootElement.GetProperty("output").GetString()!;
        var values = ValuesFile.Parse(TestData.Text("oracle/" + name + ".values.yaml"), name);

        var r = HelmRenderer.Render(TestData.Load("podinfo"), values, new ReleaseOptions { Name = "frontend", Namespace = "apps" }, Capabilities.ForTemplate(), null, CancellationToken.None);

        var header = "# Source: " + entry + "\n";
        var start = r.Manifest.IndexOf(header, StringComparison.Ordinal) + header.Length;
        var end = r.Manifest.IndexOf("\n---\n", start, StringComparison.Ordinal);
        Assert.Equal(expected.Trim(), r.Manifest[start..(end < 0 ? r.Manifest.Length - 1 : end)]);
    }
}
