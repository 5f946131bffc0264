using System.Text;
using Gyre.Kustomize.Yaml;

namespace Gyre.Kustomize.Tests;

/// <summary>How kustomize retypes scalars before printing; expected values are what kubectl kustomize printed for the same scalars.</summary>
public sealed class YamlPrinterTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("\"yes\"", "\"yes\"")]
    [InlineData("'a: b'", "'a: b'")]
    [InlineData("\"2001-12-14\"", "\"2001-12-14\"")]
    [InlineData("1.0", "1")]
    [InlineData("1e3", "1000")]
    [InlineData("0x10", "16")]
    [InlineData("0755", "493")]
    [InlineData("1.5e-7", "1.5e-07")]
    [InlineData("~", "null")]
    [InlineData("' lead'", "' lead'")]
    [InlineData("\"a\\tb\"", "\"a\\tb\"")]
    public void Prints_a_scalar_as_kustomize_does(string input, string printed)
    {
        var document = YamlReader.ReadDocuments("k: " + input + "\n").Single()!;
        var output = new StringBuilder();
        YamlPrinter.WriteDocument(document, output);
        Assert.Equal("k: " + printed + "\n", output.ToString());
    }
}
