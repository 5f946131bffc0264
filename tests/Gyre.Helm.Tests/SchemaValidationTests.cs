using Gyre.Helm.Rendering;
using static Gyre.Helm.Tests.InlineCharts;

namespace Gyre.Helm.Tests;

/// <summary>values.schema.json checks, reported as Helm (gojsonschema) words them.</summary>
public sealed class SchemaValidationTests
{
    private const string Schema = """
        {
          "$schema": "http://json-schema.org/draft-07/schema#",
          "type": "object",
          "required": ["image"],
          "properties": {
            "replicaCount": { "type": "integer", "minimum": 1, "maximum": 10 },
            "image": {
              "type": "object",
              "required": ["repository"],
              "properties": {
                "repository": { "type": "string", "minLength": 1 },
                "pullPolicy": { "enum": ["Always", "IfNotPresent", "Never"] }
              }
            },
            "ports": { "type": "array", "items": { "$ref": "#/definitions/port" }, "maxItems": 2 },
            "name": { "type": "string", "pattern": "^[a-z]+$" },
            "strict": { "type": "object", "additionalProperties": false, "properties": { "a": { "type": "boolean" } } }
          },
          "definitions": { "port": { "type": "integer", "exclusiveMinimum": 0 } }
        }
        """;

    private static HelmException Fails(string values, string set) =>
        Assert.Throws<HelmException>(() => Render(Make("app", new(), values, Schema), Set(set)));

    [Fact]
    public void Valid_values_render()
    {
        var r = Render(Make("app", new() { ["templates/cm.yaml"] = "kind: ConfigMap\napiVersion: v1\nmetadata:\n  name: x\n" }, "replicaCount: 2\nimage:\n  repository: nginx\n", Schema));
        Assert.Single(r.Objects);
    }

    [Fact]
    public void Skipping_schema_validation_renders_values_the_schema_refuses()
    {
        var chart = Make("app", new() { ["templates/cm.yaml"] = "kind: ConfigMap\napiVersion: v1\nmetadata:\n  name: x\ndata:\n  n: {{ .Values.replicaCount | quote }}\n" }, "image:\n  repository: nginx\n", Schema);
        var r = Render(chart, Set("replicaCount=many"), new ReleaseOptions { Name = "rel", Namespace = "ns", SkipSchemaValidation = true });
        Assert.Contains("  n: \"many\"\n", r.Manifest, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("replicaCount=many", "- replicaCount: Invalid type. Expected: integer, given: string")]
    [InlineData("replicaCount=0", "- replicaCount: Must be greater than or equal to 1")]
    [InlineData("replicaCount=11", "- replicaCount: Must be less than or equal to 10")]
    [InlineData("image.repository=", "- image.repository: String length must be greater than or equal to 1")]
    [InlineData("image.pullPolicy=Sometimes", "- image.pullPolicy: image.pullPolicy must be one of the following: \"Always\", \"IfNotPresent\", \"Never\"")]
    [InlineData("ports={80,0}", "- ports.1: Must be greater than 0")]
    [InlineData("ports={1,2,3}", "- ports: Array must have at most 2 items")]
    [InlineData("name=Web", "- name: Does not match pattern '^[a-z]+$'")]
    [InlineData("strict.b=true", "- strict: Additional property b is not allowed")]
    [InlineData("image.repository=null", "- image: repository is required")]
    public void Invalid_values_are_reported_with_the_value_path(string set, string line)
    {
        var e = Fails("image:\n  repository: nginx\n", set);
        Assert.Equal("values don't meet the specifications of the schema(s) in the following chart(s):\napp:\n" + line + "\n", e.Message);
    }

    [Fact]
    public void A_missing_required_top_level_value_names_the_root()
    {
        var e = Assert.Throws<HelmException>(() => Render(Make("app", new(), "", Schema)));
        Assert.Contains("- (root): image is required", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_subcharts_schema_checks_its_own_section()
    {
        var sub = Make("db", new(), "port: 5432\n", """{"properties":{"port":{"type":"integer"}}}""");
        var e = Assert.Throws<HelmException>(() => Render(Make("app", new(), "", deps: [sub]), Set("db.port=high")));
        Assert.Equal("values don't meet the specifications of the schema(s) in the following chart(s):\ndb:\n- port: Invalid type. Expected: integer, given: string\n", e.Message);
    }
}
