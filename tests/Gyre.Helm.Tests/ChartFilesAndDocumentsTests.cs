using Gyre.Helm.Charts;
using static Gyre.Helm.Tests.InlineCharts;

namespace Gyre.Helm.Tests;

/// <summary>Helm's engine.files for binary files, and releaseutil's refusal of documents that are not mappings.</summary>
public sealed class ChartFilesAndDocumentsTests
{
    [Fact]
    public void AsSecrets_encodes_the_bytes_of_a_binary_file_as_they_are_in_the_chart()
    {
        byte[] keystore = [0xFE, 0xED, 0xFE, 0xED, 0x00, 0x02, 0x80, 0xFF];
        var chart = Make("c", new()
        {
            ["templates/secret.yaml"] = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: ks\ndata:\n{{ (.Files.Glob \"files/*\").AsSecrets | indent 2 }}\n",
        }, files: new() { ["files/app.conf"] = "a=1\n" });
        chart = new Chart { Metadata = chart.Metadata, Templates = chart.Templates, Files = [.. chart.Files, new ChartFile("files/keystore.jks", keystore)] };

        var r = Render(chart);

        // base64 of the raw bytes (Helm's base64.StdEncoding over []byte), keys sorted as toYaml sorts them.
        Assert.Equal("---\n# Source: c/templates/secret.yaml\napiVersion: v1\nkind: Secret\nmetadata:\n  name: ks\ndata:\n  app.conf: YT0xCg==\n  keystore.jks: /u3+7QACgP8=\n", r.Manifest);
    }

    [Theory]
    [InlineData("just some text", "string")]
    [InlineData("- a\n- b", "array")]
    [InlineData("42", "number")]
    [InlineData("true", "bool")]
    public void A_document_that_is_not_a_mapping_fails_as_helm_reports_it(string document, string goType)
    {
        var chart = Make("c", new() { ["templates/notes.yaml"] = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\n" + document + "\n" });

        var e = Assert.Throws<HelmException>(() => Render(chart));

        Assert.Equal("YAML parse error on c/templates/notes.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal " + goType + " into Go value of type releaseutil.SimpleHead", e.Message);
    }

    [Fact]
    public void A_comment_only_document_is_kept_in_the_manifest_as_helm_keeps_it()
    {
        var r = Render(Make("c", new() { ["templates/a.yaml"] = "# nothing to install\n" }));

        Assert.Equal("---\n# Source: c/templates/a.yaml\n# nothing to install\n", r.Manifest);
        Assert.Empty(r.Objects);
    }
}
