using Gyre.Templates.Functions;
using Gyre.Templates.Helm;

namespace Gyre.Templates.Tests;

/// <summary>What the Helm engine gives charts beyond the oracle protocol: host objects with methods, a live lookup, semver ranges.</summary>
public sealed class HelmHostObjectTests
{
    private static string Render(string text, object? data, Func<string, string, string, string, Dictionary<string, object?>>? lookup = null)
    {
        var engine = new HelmTemplateEngine(new TemplateOptions { MissingKey = MissingKeyAction.Zero }, strict: false, keepNoValue: false) { Lookup = lookup };
        var set = engine.Parse(new Dictionary<string, string>(StringComparer.Ordinal) { ["t"] = text });
        return engine.Execute(set, "t", data);
    }

    private static GoObject Versions()
    {
        var o = new GoObject { Text = "[v1 apps/v1]" };
        o["v1"] = true;
        o.Methods["Has"] = TemplateFunction.Of(a => (string)a[0]! is "v1" or "apps/v1", ArgType.String);
        return o;
    }

    [Fact]
    public void Methods_of_a_host_object_take_arguments()
    {
        Assert.Equal("true false", Render("{{ .V.Has \"apps/v1\" }} {{ .V.Has \"batch/v9\" }}", new Dictionary<string, object?> { ["V"] = Versions() }));
    }

    [Fact]
    public void A_host_object_prints_its_text_and_still_ranges_and_indexes_like_a_map()
    {
        var data = new Dictionary<string, object?> { ["V"] = Versions() };
        Assert.Equal("[v1 apps/v1] v1 true", Render("{{ .V }}{{ range $k, $_ := .V }} {{ $k }}{{ end }} {{ index .V \"v1\" }}", data));
    }

    [Fact]
    public void Lookup_returns_an_empty_map_without_a_cluster()
    {
        Assert.Equal("0", Render("{{ len (lookup \"v1\" \"Secret\" \"ns\" \"x\") }}", null));
    }

    [Fact]
    public void Lookup_reads_through_the_given_function()
    {
        var seen = new List<string>();
        var text = Render("{{ (lookup \"v1\" \"ConfigMap\" \"apps\" \"settings\").data.mode }}", null, (apiVersion, kind, ns, name) =>
        {
            seen.Add(string.Join('|', apiVersion, kind, ns, name));
            return new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["data"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["mode"] = "on" },
            };
        });
        Assert.Equal("on", text);
        Assert.Equal(["v1|ConfigMap|apps|settings"], seen);
    }

    [Fact]
    public void A_lookup_failure_fails_the_template()
    {
        var e = Assert.Throws<TemplateException>(() => Render("{{ lookup \"v1\" \"Secret\" \"ns\" \"x\" }}", null, (_, _, _, _) => throw new TemplateFunctionException("forbidden")));
        Assert.Contains("error calling lookup: forbidden", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(">=1.19.0-0", "v1.20.0", true)]
    [InlineData(">=1.19.0-0", "v1.18.3", false)]
    [InlineData("~17.3.0", "17.3.7", true)]
    [InlineData("~17.3.0", "17.4.0", false)]
    [InlineData("2.x.x", "2.13.0", true)]
    [InlineData("^1.2", "2.0.0", false)]
    [InlineData("not a range", "1.0.0", false)]
    [InlineData(">=1.0", "not a version", false)]
    public void Semver_ranges_match_as_masterminds_semver_does(string constraint, string version, bool expected)
    {
        Assert.Equal(expected, HelmSemver.IsCompatibleRange(constraint, version));
    }
}
