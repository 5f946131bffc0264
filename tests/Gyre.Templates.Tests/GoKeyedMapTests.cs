namespace Gyre.Templates.Tests;

/// <summary>
/// Struct-keyed maps from a host (Flux's map[ObjectIdentifier][]Change): range binds the struct key in the given
/// order, len counts entries, and printing follows fmt's map[k:v] form with the keys' own text. Cross-checked with Go
/// through the image automation goldens (tests/Gyre.ImageAutomation.Tests/testdata/message).
/// </summary>
public sealed class GoKeyedMapTests
{
    private static string Run(string template, object data)
    {
        var set = new TemplateSet("t");
        set.Parse("t", template);
        return set.Execute("t", data);
    }

    private static GoKeyedMap Objects() => new("update.ObjectChanges",
    [
        new(new GoObject { Text = "{{{v1 ConfigMap} {a ns}}}", ["Kind"] = "ConfigMap", ["Name"] = "a" }, new List<object?> { "x" }),
        new(new GoObject { Text = "{{{v1 Secret} {b ns}}}", ["Kind"] = "Secret", ["Name"] = "b" }, new List<object?> { "y", "z" }),
    ]);

    [Fact]
    public void Range_binds_struct_keys_in_the_given_order() =>
        Assert.Equal("ConfigMap/a=[x];Secret/b=[y z];", Run("{{ range $k, $v := .m }}{{ $k.Kind }}/{{ $k.Name }}={{ $v }};{{ end }}", new Dictionary<string, object?> { ["m"] = Objects() }));

    [Fact]
    public void Len_and_printing_follow_go() =>
        Assert.Equal("2 map[{{{v1 ConfigMap} {a ns}}}:[x] {{{v1 Secret} {b ns}}}:[y z]] update.ObjectChanges",
            Run("{{ len .m }} {{ .m }} {{ printf \"%T\" .m }}", new Dictionary<string, object?> { ["m"] = Objects() }));

    [Fact]
    public void An_empty_map_takes_the_else_branch() =>
        Assert.Equal("none", Run("{{ range .m }}x{{ else }}none{{ end }}", new Dictionary<string, object?> { ["m"] = new GoKeyedMap("m", []) }));
}
