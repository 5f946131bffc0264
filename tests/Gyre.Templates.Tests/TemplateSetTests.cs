using Gyre.Templates.Functions;
using Gyre.Templates.Sprig;

namespace Gyre.Templates.Tests;

/// <summary>The public API beyond what the oracle protocol reaches: delimiters, bounds, error data, extensibility.</summary>
public sealed class TemplateSetTests
{
    private static Dictionary<string, object?> Data() => new(StringComparer.Ordinal)
    {
        ["m"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["b"] = 2.0, ["a"] = 1.0 },
        ["name"] = "web",
    };

    private static string Render(string text, TemplateOptions? options = null, object? data = null)
    {
        options ??= new TemplateOptions();
        var set = new TemplateSet("gotpl", SprigFunctions.Create(options), options);
        set.Parse("t", text);
        return set.Execute("t", data ?? Data());
    }

    [Fact]
    public void Custom_delimiters_render_exactly_like_the_default_ones()
    {
        // The default-delimiter form is an oracle-checked construct (range over a map in key order, trim markers).
        const string Default = "x {{- range $k, $v := .m }} {{ $k }}={{ $v }}{{ end -}} | {{ .name | upper }} {{/* c */}}{{ \"}}\" }}";
        var custom = Default.Replace("{{", "[[", StringComparison.Ordinal).Replace("}}", "]]", StringComparison.Ordinal).Replace("\"]]\"", "\"}}\"", StringComparison.Ordinal);

        var expected = Render(Default);
        var actual = Render(custom, new TemplateOptions { LeftDelim = "[[", RightDelim = "]]" });

        Assert.Equal("x a=1 b=2| WEB }}", expected);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Custom_delimiters_leave_the_default_ones_as_text()
    {
        var output = Render("{{ .name }} <% .name %>", new TemplateOptions { LeftDelim = "<%", RightDelim = "%>" });

        Assert.Equal("{{ .name }} web", output);
    }

    [Fact]
    public void A_parse_error_carries_the_file_and_line_as_data()
    {
        var set = new TemplateSet("gotpl");

        var e = Assert.Throws<TemplateException>(() => set.Parse("c/templates/a.yaml", "ok\n{{ if .x }}\n{{ end }}{{ end }}"));

        Assert.True(e.IsParseError);
        Assert.Equal("c/templates/a.yaml", e.File);
        Assert.Equal(3, e.Line);
        Assert.Equal("template: c/templates/a.yaml:3: unexpected {{end}}", e.Message);
    }

    // Expected texts in this file were checked against the oracle (echo '<request>' | gotemplate-oracle).
    [Fact]
    public void An_execution_error_carries_file_line_column_and_template_as_data()
    {
        var set = new TemplateSet("gotpl");
        set.Parse("file", "{{ define \"inner\" }}\n  {{ .a.b }}{{ end }}{{ template \"inner\" . }}");

        var e = Assert.Throws<TemplateException>(() => set.Execute("file", new Dictionary<string, object?> { ["a"] = null }));

        Assert.False(e.IsParseError);
        Assert.Equal("file", e.File);
        Assert.Equal(2, e.Line);
        Assert.Equal(7, e.Column); // Go positions a field chain at its last element
        Assert.Equal("inner", e.TemplateName);
        Assert.Equal("template: file:2:7: executing \"inner\" at <.a.b>: nil pointer evaluating interface {}.b", e.Message);
    }

    [Fact]
    public void Output_is_bounded()
    {
        var options = new TemplateOptions { MaxOutputChars = 1000 };

        var e = Assert.Throws<TemplateException>(() => Render("{{ range until 100 }}0123456789-{{ end }}", options));

        Assert.Equal("template: t: output exceeds the limit of 1000 characters", e.Message);
    }

    [Fact]
    public void Nested_include_output_counts_towards_the_bound()
    {
        var options = new TemplateOptions { MaxOutputChars = 500 };
        var set = new TemplateSet("gotpl", SprigFunctions.Create(options), options);
        set.SetFunction("nested", new TemplateFunction([ArgType.String], null, (ctx, a) => ctx.ExecuteNested(ctx.Set, (string)a[0]!, null)));
        set.Parse("t", "{{ define \"big\" }}{{ range until 100 }}0123456789{{ end }}{{ end }}{{ nested \"big\" | len }}");

        var e = Assert.Throws<TemplateException>(() => set.Execute("t", null));

        Assert.Contains("output exceeds the limit of 500 characters", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Template_recursion_stops_at_the_configured_depth()
    {
        var e = Assert.Throws<TemplateException>(() =>
            Render("{{ define \"r\" }}{{ template \"r\" . }}{{ end }}{{ template \"r\" . }}", new TemplateOptions { MaxTemplateDepth = 50 }));

        Assert.EndsWith("exceeded maximum template depth (50)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Added_functions_get_gos_argument_checks()
    {
        var set = new TemplateSet("gotpl");
        set.SetFunction("twice", TemplateFunction.Of(a => (string)a[0]! + (string)a[0]!, ArgType.String));
        set.Parse("t", "{{ twice \"ab\" }}|{{ twice .n }}");

        var e = Assert.Throws<TemplateException>(() => set.Execute("t", new Dictionary<string, object?> { ["n"] = 1.0 }));

        Assert.Equal("template: t:1:26: executing \"t\" at <.n>: wrong type for value; expected string; got float64", e.Message);
    }

    [Fact]
    public void A_clone_can_rebind_functions_without_touching_the_original()
    {
        var set = new TemplateSet("gotpl");
        set.SetFunction("who", TemplateFunction.Of(_ => "original"));
        set.Parse("t", "{{ who }}");
        var clone = set.Clone();
        clone.SetFunction("who", TemplateFunction.Of(_ => "clone"));

        Assert.Equal("original", set.Execute("t", null));
        Assert.Equal("clone", clone.Execute("t", null));
    }

    [Theory]
    [InlineData("missingkey=zero", MissingKeyAction.Zero)]
    [InlineData("missingkey=error", MissingKeyAction.Error)]
    [InlineData("missingkey=invalid", MissingKeyAction.Default)]
    [InlineData("missingkey=default", MissingKeyAction.Default)]
    public void Go_option_strings_set_the_missing_key_action(string option, MissingKeyAction expected)
    {
        Assert.Equal(expected, new TemplateOptions().WithOption(option).MissingKey);
    }

    [Fact]
    public void An_unknown_option_is_rejected_with_gos_message()
    {
        var e = Assert.Throws<ArgumentException>(() => new TemplateOptions().WithOption("missingkey=maybe"));

        Assert.StartsWith("unrecognized option: missingkey=maybe", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Date_functions_use_the_injected_clock_and_zone()
    {
        var clock = new FixedClock(new DateTimeOffset(2024, 2, 29, 12, 30, 0, TimeSpan.Zero));
        var options = new TemplateOptions { Time = clock };

        Assert.Equal("2024-02-29 12:30", Render("{{ now | date \"2006-01-02 15:04\" }}", options));
        Assert.Equal("1h0m0s", Render("{{ ago (dateModify \"-1h\" now) }}", options));
    }

    [Fact]
    public void Name_resolution_fails_clearly_instead_of_using_the_network()
    {
        var e = Assert.Throws<TemplateException>(() => Render("{{ getHostByName \"example.com\" }}"));

        Assert.Equal("template: t:1:3: executing \"t\" at <getHostByName \"example.com\">: error calling getHostByName: " +
            "getHostByName \"example.com\": name resolution is not available while rendering in Gyre", e.Message);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
