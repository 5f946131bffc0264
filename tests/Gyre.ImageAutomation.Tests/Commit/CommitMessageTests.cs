using System.Text.Json.Nodes;
using Gyre.ImageAutomation.Commit;
using Gyre.ImageAutomation.Setters;

namespace Gyre.ImageAutomation.Tests.Commit;

/// <summary>
/// testdata/message/cases/*.json rendered by Gyre must equal expected/*.txt, which regenerate.sh produced with the Go
/// oracle (text/template + Sprig over a model of Flux's update.TemplateData).
/// </summary>
public sealed class CommitMessageTests
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "testdata", "message");

    public static TheoryData<string> Cases() => new(Directory.GetFiles(Path.Combine(Root, "cases"), "*.json")
        .Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Templates_render_as_the_go_oracle_renders_them(string name)
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(Root, "cases", name + ".json")))!.AsObject();
        var values = json["values"]!.AsObject().ToDictionary(p => p.Key, p => (string)p.Value!, StringComparer.Ordinal);
        var files = new SortedDictionary<string, IReadOnlyDictionary<ObjectIdentifier, IReadOnlyList<Change>>>(StringComparer.Ordinal);
        foreach (var (file, objects) in json["files"]!.AsObject())
        {
            files[file] = objects!.AsArray().ToDictionary(
                o => new ObjectIdentifier((string)o!["apiVersion"]!, (string)o["kind"]!, (string)o["name"]!, (string)o["namespace"]!),
                o => (IReadOnlyList<Change>)[.. o!["changes"]!.AsArray().Select(c => new Change((string)c!["old"]!, (string)c["new"]!, (string)c["setter"]!))]);
        }

        var message = CommitMessage.Render((string)json["template"]!, values, (string)json["namespace"]!, (string)json["name"]!, new UpdateResult(files));

        Assert.Equal(File.ReadAllText(Path.Combine(Root, "expected", name + ".txt")), message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void No_template_gives_fluxs_default_message(string? template) =>
        Assert.Equal("Update from image update automation", CommitMessage.Render(template, null, "ns", "n", UpdateResult.Empty));

    [Theory]
    [InlineData("{{ range .Updated.Files }}{{ . }}{{ end }}")]
    [InlineData("Images: {{ $.Updated.Images }}")]
    [InlineData("{{with .Updated}}x{{end}}")]
    public void The_removed_updated_field_stalls_with_removed_template_field(string template)
    {
        var error = Assert.Throws<ImageAutomationException>(() => CommitMessage.Render(template, null, "ns", "n", UpdateResult.Empty));

        Assert.Equal(ImageAutomationReasons.RemovedTemplateField, error.Reason);
        Assert.Contains(".Changed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_field_named_updated_deeper_in_the_data_is_not_the_removed_field() =>
        Assert.Equal("<no value>", CommitMessage.Render("{{ .Values.Updated }}", null, "ns", "n", UpdateResult.Empty));

    [Fact]
    public void A_template_that_does_not_parse_names_the_template_and_gos_error()
    {
        var error = Assert.Throws<ImageAutomationException>(() => CommitMessage.Render("{{ range }}", null, "ns", "n", UpdateResult.Empty));

        Assert.Equal(ImageAutomationReasons.UpdateFailed, error.Reason);
        Assert.StartsWith("spec.git.commit.messageTemplate: building the commit message: template: commit message:1:", error.Message, StringComparison.Ordinal);
    }
}
