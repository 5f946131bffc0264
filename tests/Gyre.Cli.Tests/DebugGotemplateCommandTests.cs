namespace Gyre.Cli.Tests;

/// <summary>`gyre debug gotemplate` speaks the gotemplate oracle's protocol; expectations are the oracle's own answers (its README's worked examples).</summary>
public sealed class DebugGotemplateCommandTests
{
    [Fact]
    public async Task Renders_a_plain_request_read_from_stdin()
    {
        const string Request = """
            {"templates": {"t": "{{ range $k, $v := .ports }}{{ $k }}={{ $v }} {{ end }}| {{ printf \"%d %v %T\" 3 .n .n }} | {{ .name | upper | quote }}"},
             "data": {"ports": {"https": 443, "http": 80}, "n": 8080, "name": "web"}}
            """;

        var (code, output, error) = await CliRunner.RunWithInputAsync(Request, "debug", "gotemplate");

        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Equal("{\"output\":\"http=80 https=443 | 3 8080 float64 | \\\"WEB\\\"\",\"error\":\"\"}\n", output);
    }

    [Fact]
    public async Task Reports_helm_errors_with_helms_cleaned_message()
    {
        const string Request = """
            {"helm": true, "templates": {"c/templates/cm.yaml": "name: {{ required \"name is required\" .Values.name }}"},
             "entry": "c/templates/cm.yaml", "data": {"Values": {}}}
            """;

        var (code, output, _) = await CliRunner.RunWithInputAsync(Request, "debug", "gotemplate");

        Assert.Equal(0, code);
        Assert.Equal(
            "{\"output\":\"\",\"error\":\"template: c/templates/cm.yaml:1:9: executing \\\"c/templates/cm.yaml\\\" at <required \\\"name is required\\\" .Values.name>: " +
            "error calling required: HELM_ERR_STARTname is requiredHELM_ERR_END\",\"helmError\":\"execution error at (c/templates/cm.yaml:1:9): name is required\"}\n",
            output);
    }

    [Fact]
    public async Task Reports_a_bad_request_in_the_response_instead_of_failing()
    {
        var (code, output, _) = await CliRunner.RunWithInputAsync("{\"templates\": {\"a\": \"x\", \"b\": \"y\"}}", "debug", "gotemplate");

        Assert.Equal(0, code);
        Assert.Equal("{\"output\":\"\",\"error\":\"request: \\\"entry\\\" is required when there is not exactly one template\"}\n", output);
    }

    [Fact]
    public async Task Help_shows_an_example()
    {
        var (code, output, _) = await CliRunner.RunAsync("debug", "gotemplate", "--help");

        Assert.Equal(0, code);
        Assert.Contains("gyre debug gotemplate", output, StringComparison.Ordinal);
    }
}
