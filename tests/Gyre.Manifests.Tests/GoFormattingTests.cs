using System.Text.Json.Nodes;
using Gyre.Manifests.Json;

namespace Gyre.Manifests.Tests;

/// <summary>Expectations are Go's own outputs (fmt/strconv/encoding/json behaviour, as documented and as kubectl prints).</summary>
public sealed class GoFormattingTests
{
    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(1.5, "1.5")]
    [InlineData(1e20, "100000000000000000000")]
    [InlineData(1e21, "1e+21")]
    [InlineData(1e-6, "0.000001")]
    [InlineData(1e-7, "1e-7")]
    [InlineData(-2.5e-10, "-2.5e-10")]
    [InlineData(123456789.125, "123456789.125")]
    [InlineData(1.2345678901234567e19, "12345678901234567000")]
    public void Json_floats_print_as_encoding_json_prints_them(double value, string expected) =>
        Assert.Equal(expected, GoFloat.FormatJson(value));

    [Theory]
    [InlineData(1234567.0, "1.234567e+06")]
    [InlineData(100000.0, "100000")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00001, "1e-05")]
    [InlineData(3.0, "3")]
    [InlineData(1.2345678901234569e+23, "1.2345678901234569e+23")]
    public void G_format_matches_strconv(double value, string expected) => Assert.Equal(expected, GoFloat.FormatG(value));

    [Fact]
    public void Float32_keys_use_float32_shortest_digits() => Assert.Equal("3.1415927", GoFloat.FormatG32((float)3.14159265358979));

    [Fact]
    public void Json_strings_use_go_escapes()
    {
        var json = GoJson.Serialize(JsonValue.Create("<a&b>\u2028\t\b\u0001é"));
        Assert.Equal("\"\\u003ca\\u0026b\\u003e\\u2028\\t\\b\\u0001é\"", json);
    }

    [Fact]
    public void Integral_floats_become_integers_like_kubectls_round_trip()
    {
        Assert.True(KubeNumbers.TryGetInt64(KubeNumbers.FromDouble(1000.0), out var v));
        Assert.Equal(1000, v);
        Assert.False(KubeNumbers.TryGetInt64(KubeNumbers.FromDouble(1.5), out _));
        Assert.Throws<ManifestException>(() => KubeNumbers.FromDouble(double.PositiveInfinity));
    }
}
