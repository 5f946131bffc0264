using System.Text.Json.Nodes;
using Gyre.Helm.Values;
using Gyre.Templates;

namespace Gyre.Helm.Tests;

/// <summary>Table cases in the manner of Helm's pkg/strvals parser_test.go; expectations follow Helm's documented rules.</summary>
public sealed class SetValuesParserTests
{
    [Theory]
    [InlineData("name=value", """{"name":"value"}""")]
    [InlineData("long_int_string=1234567890", """{"long_int_string":1234567890}""")]
    [InlineData("boolean=true", """{"boolean":true}""")]
    [InlineData("upper=TRUE,lower=False", """{"upper":true,"lower":false}""")]
    [InlineData("is_null=null", """{"is_null":null}""")]
    [InlineData("zero=0", """{"zero":0}""")]
    [InlineData("leading_zeros=00009", """{"leading_zeros":"00009"}""")]
    [InlineData("float=1.5", """{"float":"1.5"}""")]
    [InlineData("name1=value1,name2=value2", """{"name1":"value1","name2":"value2"}""")]
    [InlineData("name1=value1,name2=value2,", """{"name1":"value1","name2":"value2"}""")]
    [InlineData("name1=,name2=value2", """{"name1":"","name2":"value2"}""")]
    [InlineData("name1=one\\,two,name2=x", """{"name1":"one,two","name2":"x"}""")]
    [InlineData("outer.inner=value", """{"outer":{"inner":"value"}}""")]
    [InlineData("outer.middle.inner=value", """{"outer":{"middle":{"inner":"value"}}}""")]
    [InlineData("outer.inner1=value,outer.inner2=value2", """{"outer":{"inner1":"value","inner2":"value2"}}""")]
    [InlineData("name1.name2=", """{"name1":{"name2":""}}""")]
    [InlineData("nodeSelector.kubernetes\\.io/role=master", """{"nodeSelector":{"kubernetes.io/role":"master"}}""")]
    [InlineData("name1={value1,value2}", """{"name1":["value1","value2"]}""")]
    [InlineData("name1={value1,value2},name2=x", """{"name1":["value1","value2"],"name2":"x"}""")]
    [InlineData("name1={1,true}", """{"name1":[1,true]}""")]
    [InlineData("list[0]=foo", """{"list":["foo"]}""")]
    [InlineData("list[0]=foo,list[1]=bar", """{"list":["foo","bar"]}""")]
    [InlineData("list[1]=bar", """{"list":[null,"bar"]}""")]
    [InlineData("list[0]=foo,list[0]=baz", """{"list":["baz"]}""")]
    [InlineData("list[0].foo=bar,list[0].hello=world", """{"list":[{"foo":"bar","hello":"world"}]}""")]
    [InlineData("list[0].foo=bar,list[1].foo=baz", """{"list":[{"foo":"bar"},{"foo":"baz"}]}""")]
    [InlineData("nested[0][0]=1", """{"nested":[[1]]}""")]
    [InlineData("nested[1][1]=1", """{"nested":[null,[null,1]]}""")]
    [InlineData("list[0]={a,b}", """{"list":[["a","b"]]}""")]
    [InlineData("a.list[0].b.c=d", """{"a":{"list":[{"b":{"c":"d"}}]}}""")]
    [InlineData("name1.=name2", null)]
    public void Parses_set_expressions_as_helm_does(string expression, string? expected)
    {
        var values = new JsonObject();
        if (expected == null)
        {
            var e = Assert.Throws<HelmException>(() => SetValuesParser.ParseSet(expression, values));
            Assert.StartsWith("failed parsing --set data: ", e.Message, StringComparison.Ordinal);
            return;
        }
        SetValuesParser.ParseSet(expression, values);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), values), values.ToJsonString());
    }

    [Theory]
    [InlineData("name", "failed parsing --set data: key \"name\" has no value")]
    [InlineData("name1,name2=x", "failed parsing --set data: key \"name1\" has no value (cannot end with ,)")]
    [InlineData("list[-1]=x", "failed parsing --set data: negative -1 index not allowed")]
    [InlineData("list[65537]=x", "failed parsing --set data: index of 65537 is greater than maximum supported index of 65536")]
    [InlineData("list[0]x=y", "failed parsing --set data: unexpected data at end of array index: \"x\"")]
    [InlineData("name1={a,b", "failed parsing --set data: list must terminate with '}'")]
    [InlineData("name1.name2", "failed parsing --set data: key \"name2\" has no value")]
    public void Reports_malformed_expressions_with_helms_words(string expression, string message)
    {
        var e = Assert.Throws<HelmException>(() => SetValuesParser.ParseSet(expression, new JsonObject()));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Merges_into_existing_values_and_overrides_a_scalar()
    {
        var values = (JsonObject)JsonNode.Parse("""{"image":{"repository":"nginx","tag":"1.0"},"replicas":1}""")!;
        SetValuesParser.ParseSet("image.tag=1.1,replicas=3", values);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"image":{"repository":"nginx","tag":"1.1"},"replicas":3}"""), values), values.ToJsonString());
    }

    [Theory]
    [InlineData("name=true,count=10,zero=0,n=null", """{"name":"true","count":"10","zero":"0","n":"null"}""")]
    [InlineData("list={1,2}", """{"list":["1","2"]}""")]
    public void Set_string_keeps_every_value_a_string(string expression, string expected)
    {
        var values = new JsonObject();
        SetValuesParser.ParseSetString(expression, values);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), values), values.ToJsonString());
    }

    [Theory]
    [InlineData("""outer.inner={"a":"1","b":[1,2]}""", """{"outer":{"inner":{"a":"1","b":[1,2]}}}""")]
    [InlineData("""list=[1,"two",null],flag=true""", """{"list":[1,"two",null],"flag":true}""")]
    [InlineData("""a=null""", """{"a":null}""")]
    [InlineData("""a=  {"x":1} ,b="s" """, """{"a":{"x":1},"b":"s"}""")]
    [InlineData("""items[1]={"name":"b"}""", """{"items":[null,{"name":"b"}]}""")]
    public void Set_json_reads_each_value_as_a_json_document(string expression, string expected)
    {
        var values = new JsonObject();
        SetValuesParser.ParseSetJson(expression, values);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), values), values.ToJsonString());
    }

    [Fact]
    public void Set_file_reads_the_file_content_as_a_string()
    {
        var values = new JsonObject();
        SetValuesParser.ParseSetFile("config.script=run.sh", values, path => path == "run.sh" ? "#!/bin/sh\necho 1\n" : throw new FileNotFoundException(path));
        Assert.Equal("#!/bin/sh\necho 1\n", (string?)values["config"]!["script"]);
    }

    [Fact]
    public void Set_integers_are_int64_and_render_without_an_exponent()
    {
        var data = GoValues.NewMap();
        new StrvalsParser("big=10000000,neg=-3", v => StrvalsParser.TypedVal(v, false), false).Parse(data);
        Assert.Equal(new GoInt64(10000000), data["big"]);
        Assert.Equal(new GoInt64(-3), data["neg"]);
    }

    [Theory]
    [InlineData("name=value", """{"name":"value"}""")]
    [InlineData("long_int_string=1234567890", """{"long_int_string":"1234567890"}""")]
    [InlineData("boolean=true", """{"boolean":"true"}""")]
    [InlineData("is_null=null", """{"is_null":"null"}""")]
    [InlineData("outer.inner=value,with,commas", """{"outer":{"inner":"value,with,commas"}}""")]
    [InlineData("list[1]={a,b}=c", """{"list":[null,"{a,b}=c"]}""")]
    [InlineData("list[0].name=x y", """{"list":[{"name":"x y"}]}""")]
    [InlineData("path\\.dot=v\\,w", """{"path\\":{"dot":"v\\,w"}}""")]
    [InlineData("empty=", """{"empty":""}""")]
    public void Set_literal_keeps_the_rest_of_the_line_as_one_string(string expression, string expected)
    {
        var values = new JsonObject();
        SetValuesParser.ParseSetLiteral(expression, values);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), values), values.ToJsonString());
    }

    [Fact]
    public void Set_literal_at_a_path_honours_escaped_dots_and_indices_and_keeps_the_value_verbatim()
    {
        var values = (JsonObject)JsonNode.Parse("""{"config":{"keep":1}}""")!;
        SetValuesParser.SetLiteralAt("config.application\\.yml.content", "a: {b, c}\nd=e\\", values);
        SetValuesParser.SetLiteralAt("items[1].raw", "true", values);
        var expected = """{"config":{"keep":1,"application.yml":{"content":"a: {b, c}\nd=e\\"}},"items":[null,{"raw":"true"}]}""";
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), values), values.ToJsonString());
    }
}
