using Gyre.Manifests.Yaml;
using Xunit;

namespace Gyre.Manifests.Tests;

/// <summary>The double-quoted escapes of the YAML 1.1 spec, as libyaml's emitter picks them.</summary>
public sealed class YamlEscapeTests
{
    [Theory]
    [InlineData(0x0A, "\\n")]
    [InlineData(0x00, "\\0")]
    [InlineData(0x1B, "\\e")]
    [InlineData(0x85, "\\N")]
    [InlineData(0xA0, "\\_")]
    [InlineData(0x2028, "\\L")]
    [InlineData(0x22, "\\\"")]
    [InlineData(0x01, "\\x01")]
    [InlineData(0x7F, "\\x7F")]
    [InlineData(0xFEFF, "\\uFEFF")]
    [InlineData(0x1F600, "\\U0001F600")]
    public void A_character_gets_the_short_escape_when_one_exists_else_the_narrowest_hex_form(int codePoint, string expected)
    {
        Assert.Equal(expected, YamlEscape.Sequence(codePoint));
    }
}
