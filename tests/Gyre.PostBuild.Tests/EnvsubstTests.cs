namespace Gyre.PostBuild.Tests;

/// <summary>
/// Expansion rules of Flux's postBuild substitution (bash parameter expansion as fluxcd/pkg/envsubst implements it).
/// The expectations are the documented bash/Flux results for each form.
/// </summary>
public sealed class EnvsubstTests
{
    private static readonly Dictionary<string, string> Vars = new()
    {
        ["v"] = "abcdEFGH28ij",
        ["up"] = "ABCDEFGH28IJ",
        ["path"] = "/home/bozo/ideas/thoughts.for.today",
        ["file"] = "bash.string.txt",
        ["rel"] = "path/to/file",
        ["abs"] = "/path/to/file",
        ["z"] = "abcABC123ABCabc",
        ["slashy"] = "foo/bar/baz",
        ["dotted"] = "foo.bar",
        ["empty"] = string.Empty,
        ["def"] = "foo",
        ["uni"] = "héllo",
    };

    [Theory]
    [InlineData("plain text $notbraced", "plain text $notbraced")]
    [InlineData("${v}", "abcdEFGH28ij")]
    [InlineData("x-${v}-y", "x-abcdEFGH28ij-y")]
    [InlineData("${#v}", "12")]
    [InlineData("${#uni}", "6")]
    [InlineData("${v^}", "AbcdEFGH28ij")]
    [InlineData("${v^^}", "ABCDEFGH28IJ")]
    [InlineData("${up,}", "aBCDEFGH28IJ")]
    [InlineData("${up,,}", "abcdefgh28ij")]
    [InlineData("${path:11}", "ideas/thoughts.for.today")]
    [InlineData("${path:11:5}", "ideas")]
    [InlineData("${v:-3}", "abcdEFGH28ij")]
    [InlineData("${v: -3}", "abcdEFGH28ij")] // Go's Atoi refuses the space, so the value is kept (bash would give "8ij")
    [InlineData("${v:1:-1}", "bcdEFGH28i")]
    [InlineData("${v:100}", "")]
    [InlineData("${v:x}", "abcdEFGH28ij")]
    [InlineData("${v=xyz}", "abcdEFGH28ij")]
    [InlineData("${unset=xyz}", "xyz")]
    [InlineData("${unset:=xyz}", "xyz")]
    [InlineData("${unset:-xyz}", "xyz")]
    [InlineData("${empty:-xyz}", "xyz")]
    [InlineData("${empty=xyz}", "xyz")]
    [InlineData("something ${unset=${def}}", "something foo")]
    [InlineData("${unset=prefix${def}-suffix}", "prefixfoo-suffix")]
    [InlineData("${unset=${v^^}}", "ABCDEFGH28IJ")]
    [InlineData("${z/%abc/XYZ}", "abcABC123ABCXYZ")]
    [InlineData("${z/#abc/XYZ}", "XYZABC123ABCabc")]
    [InlineData("${def/#/pre-}", "pre-foo")]
    [InlineData("${def/%/-suf}", "foo-suf")]
    [InlineData("${z//abc/xyz}", "xyzABC123ABCxyz")]
    [InlineData("${z/abc/xyz}", "xyzABC123ABCabc")]
    [InlineData("${dotted/./}", "foobar")]
    [InlineData(@"${slashy/\//-}", "foo-bar/baz")]
    [InlineData(@"${slashy//\//-}", "foo-bar-baz")]
    [InlineData("${file#*.}", "string.txt")]
    [InlineData("${file##*.}", "txt")]
    [InlineData("${file%.*}", "bash.string")]
    [InlineData("${file%%.*}", "bash")]
    [InlineData("${rel#*/}", "to/file")]
    [InlineData("${rel##*/}", "file")]
    [InlineData("${abs#*/}", "path/to/file")]
    [InlineData("${abs##*/}", "file")]
    [InlineData("${file#b?sh}", ".string.txt")]
    [InlineData("${file#[a-c]*.}", "string.txt")]
    [InlineData("${file#[}", "bash.string.txt")]
    [InlineData("$${v}", "${v}")]
    [InlineData("some ${v}$${var$${v}$v${v}", "some abcdEFGH28ij${var${v}$vabcdEFGH28ij")]
    [InlineData("something $${unset=${def}}", "something ${unset=foo}")]
    [InlineData(@"\\something ${unset=${def}}", @"\\something foo")]
    [InlineData("cost: $$5 and $", "cost: $5 and $")]
    public void Expands_each_form(string template, string expected) =>
        Assert.Equal(expected, Envsubst.Expand(template, Lookup, strict: false));

    [Theory]
    [InlineData("${missing}")]
    [InlineData("${#missing}")]
    [InlineData("${missing^^}")]
    [InlineData("${missing,}")]
    [InlineData("${missing:0:2}")]
    [InlineData("${missing/a/b}")]
    [InlineData("${missing#p}")]
    [InlineData("${missing%%p}")]
    public void Strict_mode_refuses_an_unset_variable_and_names_it(string template)
    {
        var ex = Assert.Throws<SubstitutionException>(() => Envsubst.Expand(template, Lookup, strict: true));
        Assert.Equal("missing", ex.Variable);
        Assert.Contains("'missing' is not set", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("${missing:-fallback}", "fallback")]
    [InlineData("${missing:=assigned}", "assigned")]
    [InlineData("${missing=assigned}", "assigned")]
    [InlineData("${empty}", "")]
    public void Strict_mode_accepts_defaults_and_empty_values(string template, string expected) =>
        Assert.Equal(expected, Envsubst.Expand(template, Lookup, strict: true));

    [Fact]
    public void Lenient_mode_expands_unset_variables_to_nothing() =>
        Assert.Equal("a--b", Envsubst.Expand("a-${missing}-b", Lookup, strict: false));

    [Theory]
    [InlineData("${v", "missing closing brace")]
    [InlineData("${}", "unable to parse variable name")]
    [InlineData("${-x}", "unable to parse variable name")]
    [InlineData("${v-default}", "missing closing brace")]
    [InlineData("${v:}", "unable to parse substitution within function")]
    [InlineData("${v#}", "unable to parse substitution within function")]
    [InlineData("${v/abc}", "bad substitution")]
    [InlineData("${#}", "bad substitution")]
    [InlineData("${v^x}", "bad substitution")]
    public void Malformed_expressions_fail_with_the_expression_in_the_message(string template, string reason)
    {
        var ex = Assert.Throws<SubstitutionException>(() => Envsubst.Expand(template, Lookup, strict: false));
        Assert.StartsWith(reason, ex.Message, StringComparison.Ordinal);
        Assert.Contains(template.TrimEnd('}'), ex.Message, StringComparison.Ordinal);
    }

    private static string? Lookup(string name) => Vars.TryGetValue(name, out var v) ? v : null;
}
