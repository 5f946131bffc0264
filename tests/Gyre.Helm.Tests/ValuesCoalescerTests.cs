using System.Text.Json.Nodes;
using Gyre.Helm.Charts;
using Gyre.Helm.Values;

namespace Gyre.Helm.Tests;

/// <summary>Coalescing rules in the manner of Helm's pkg/chartutil coalesce_test.go, expectations from Helm's documentation.</summary>
public sealed class ValuesCoalescerTests
{
    private static Chart Chart(string name, string values, params Chart[] deps) => new()
    {
        Metadata = new ChartMetadata { Name = name, Version = "1.0.0" },
        Values = (JsonObject)JsonNode.Parse(values)!,
        Dependencies = deps,
    };

    private static JsonObject Obj(string json) => (JsonObject)JsonNode.Parse(json)!;

    private static void Same(string expected, JsonNode actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), actual.ToJsonString());

    [Theory]
    [InlineData("""{"a":1,"b":{"c":2,"d":3}}""", """{"b":{"c":5}}""", """{"a":1,"b":{"c":5,"d":3}}""")]
    [InlineData("""{"a":1,"b":{"c":2,"d":3}}""", """{"a":null,"b":{"c":null}}""", """{"b":{"d":3}}""")]
    [InlineData("""{"a":1}""", """{"extra":null}""", """{"a":1,"extra":null}""")]
    [InlineData("""{"list":[1,2,3]}""", """{"list":[4]}""", """{"list":[4]}""")]
    [InlineData("""{"m":{"x":1}}""", """{"m":"scalar"}""", """{"m":"scalar"}""")]
    [InlineData("""{"s":"text"}""", """{"s":{"now":"a map"}}""", """{"s":{"now":"a map"}}""")]
    [InlineData("""{"deep":{"er":{"est":1,"keep":true}}}""", """{"deep":{"er":{"est":null}}}""", """{"deep":{"er":{"keep":true}}}""")]
    [InlineData("""{}""", """{"only":"user"}""", """{"only":"user"}""")]
    public void User_values_win_over_chart_defaults_and_null_deletes(string defaults, string user, string expected)
    {
        Same(expected, ValuesCoalescer.Coalesce(Chart("app", defaults), Obj(user)));
    }

    [Fact]
    public void Parent_values_for_a_subchart_win_over_the_subcharts_defaults()
    {
        var sub = Chart("db", """{"port":5432,"user":"postgres","persistence":{"size":"8Gi","enabled":true}}""");
        var parent = Chart("app", """{"db":{"port":5433,"persistence":{"size":"20Gi"}}}""", sub);
        Same("""{"db":{"port":6000,"user":"postgres","persistence":{"size":"20Gi","enabled":true},"global":{}}}""",
            ValuesCoalescer.Coalesce(parent, Obj("""{"db":{"port":6000}}""")));
    }

    [Fact]
    public void A_user_null_deletes_a_subchart_default()
    {
        var sub = Chart("db", """{"port":5432,"user":"postgres"}""");
        var parent = Chart("app", """{}""", sub);
        Same("""{"db":{"user":"postgres","global":{}}}""", ValuesCoalescer.Coalesce(parent, Obj("""{"db":{"port":null}}""")));
    }

    [Fact]
    public void Globals_are_copied_into_every_subchart_and_the_parent_wins()
    {
        var leaf = Chart("leaf", """{"global":{"region":"eu","leafOnly":1}}""");
        var sub = Chart("sub", """{"global":{"region":"us","image":{"registry":"docker.io","pullPolicy":"Always"}}}""", leaf);
        var parent = Chart("app", """{"global":{"region":"ap","image":{"registry":"quay.io"}}}""", sub);
        var v = ValuesCoalescer.Coalesce(parent, null);
        Same("""{"region":"ap","image":{"registry":"quay.io"}}""", v["global"]!);
        Same("""{"region":"ap","image":{"registry":"quay.io","pullPolicy":"Always"}}""", v["sub"]!["global"]!);
        Same("""{"region":"ap","image":{"registry":"quay.io","pullPolicy":"Always"},"leafOnly":1}""", v["sub"]!["leaf"]!["global"]!);
    }

    /// <summary>
    /// Helm's coalesceGlobals copies each global table one level deep (copyMap), so a subchart default two tables
    /// down is coalesced into the table the parent (and every later sibling) shares: traced through coalesce.go,
    /// the parent's global.a.b ends up with the subchart's y.
    /// </summary>
    [Fact]
    public void A_subchart_global_default_below_the_first_table_reaches_the_parent_and_later_siblings_as_in_helm()
    {
        var first = Chart("first", """{"global":{"a":{"b":{"y":2},"top":3}}}""");
        var second = Chart("second", """{}""");
        var parent = Chart("app", """{"global":{"a":{"b":{"x":1}}}}""", first, second);
        var v = ValuesCoalescer.Coalesce(parent, null);
        Same("""{"a":{"b":{"x":1,"y":2}}}""", v["global"]!);
        Same("""{"a":{"b":{"x":1,"y":2},"top":3}}""", v["first"]!["global"]!);
        Same("""{"a":{"b":{"x":1,"y":2}}}""", v["second"]!["global"]!);
    }

    [Fact]
    public void Merge_keeps_nulls_that_coalesce_deletes()
    {
        var chart = Chart("app", """{"a":1,"b":2}""");
        Same("""{"a":null,"b":2}""", ValuesCoalescer.Merge(chart, Obj("""{"a":null}""")));
    }

    [Fact]
    public void A_subchart_section_that_is_not_a_map_is_an_error()
    {
        var parent = Chart("app", "{}", Chart("db", "{}"));
        var e = Assert.Throws<HelmException>(() => ValuesCoalescer.Coalesce(parent, Obj("""{"db":"yes"}""")));
        Assert.Contains("type mismatch on db", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"a":{"b":1,"c":2},"l":[1]}""", """{"a":{"b":3},"l":[2,3]}""", """{"a":{"b":3,"c":2},"l":[2,3]}""")]
    [InlineData("""{"a":{"b":1}}""", """{"a":"flat"}""", """{"a":"flat"}""")]
    [InlineData("""{"a":"flat"}""", """{"a":{"b":1}}""", """{"a":{"b":1}}""")]
    [InlineData("""{"a":1}""", """{"a":null}""", """{"a":null}""")]
    public void Values_files_merge_later_over_earlier(string first, string second, string expected)
    {
        Same(expected, ValuesCoalescer.MergeMaps(Obj(first), Obj(second)));
    }

    // helm upgrade --reuse-values: the new values win, what only the last release had stays, a null deletes the key.
    [Theory]
    [InlineData("""{"message":"new"}""", """{"message":"old","replicas":3}""", """{"message":"new","replicas":3}""")]
    [InlineData("""{"image":{"tag":"2"}}""", """{"image":{"tag":"1","repo":"r"}}""", """{"image":{"tag":"2","repo":"r"}}""")]
    [InlineData("""{"replicas":null}""", """{"replicas":3,"a":1}""", """{"a":1}""")]
    [InlineData("""{"list":[1]}""", """{"list":[1,2],"m":{"x":1}}""", """{"list":[1],"m":{"x":1}}""")]
    [InlineData("""{"m":"scalar"}""", """{"m":{"x":1}}""", """{"m":"scalar"}""")]
    public void Reused_values_keep_the_last_releases_under_the_new_ones(string values, string previous, string expected)
    {
        Same(expected, ValuesCoalescer.CoalesceTables(Obj(values), Obj(previous)));
    }
}
