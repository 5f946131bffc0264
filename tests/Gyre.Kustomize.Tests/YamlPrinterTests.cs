using System.Text;
using Gyre.Kustomize.Yaml;

namespace Gyre.Kustomize.Tests;

/// <summary>Rule tables for the yaml.v2-compatible printer; expected values are what kubectl kustomize printed for the same scalars.</summary>
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
        GoYamlV2Writer.WriteDocument(document, output);
        Assert.Equal("k: " + printed + "\n", output.ToString());
    }

    [Theory]
    [InlineData("b10", "b2", 1)]
    [InlineData("a", "B", 1)]
    [InlineData("a1b", "a01b", -1)]
    [InlineData("apiVersion", "kind", -1)]
    [InlineData("_x", "a", -1)]
    public void Orders_keys_like_yaml_v2(string left, string right, int sign)
    {
        Assert.Equal(sign, Math.Sign(GoYamlKeyOrder.Instance.Compare(left, right)));
    }

    [Theory]
    [InlineData(0.1, "0.1", "0.1")]
    [InlineData(1e21, "1e+21", "1e+21")]
    [InlineData(1.5e-7, "1.5e-7", "1.5e-07")]
    [InlineData(123456.5, "123456.5", "123456.5")]
    [InlineData(1234567.5, "1234567.5", "1.2345675e+06")]
    public void Formats_floats_like_go(double value, string json, string g)
    {
        Assert.Equal(json, GoFloatFormat.Json(value));
        Assert.Equal(g, GoFloatFormat.G(value));
    }
}
