using System.Text.Json.Nodes;
using Gyre.Helm.Rendering;
using static Gyre.Helm.Tests.InlineCharts;

namespace Gyre.Helm.Tests;

/// <summary>Helm's rendering rules (pkg/action renderResources, pkg/releaseutil) one at a time.</summary>
public sealed class RenderingRulesTests
{
    private const string Cm = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ";

    [Fact]
    public void Empty_and_whitespace_only_documents_are_dropped()
    {
        var r = Render(Make("c", new()
        {
            ["templates/a.yaml"] = "\n\n---\n" + Cm + "a\n---\n\n",
            ["templates/empty.yaml"] = "{{- if false }}x{{ end }}\n\n",
        }));
        Assert.Equal("---\n# Source: c/templates/a.yaml\n" + Cm + "a\n", r.Manifest);
    }

    [Fact]
    public void Documents_of_one_file_keep_their_order_within_a_kind_and_unknown_kinds_go_last_by_name()
    {
        var r = Render(Make("c", new()
        {
            ["templates/a.yaml"] = "apiVersion: x/v1\nkind: Zebra\nmetadata:\n  name: z\n---\napiVersion: x/v1\nkind: Apple\nmetadata:\n  name: a\n---\n" +
                Cm + "second\n---\n" + Cm + "third\n",
            ["templates/b.yaml"] = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns\n",
        }));
        Assert.Equal(["ns", "second", "third", "a", "z"], r.Objects.Select(o => o.Name));
    }

    [Fact]
    public void Hooks_carry_events_weight_and_policies_and_unknown_hooks_are_skipped()
    {
        var r = Render(Make("c", new()
        {
            ["templates/hooks.yaml"] =
                "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\n  annotations:\n    helm.sh/hook: pre-install, Pre-Upgrade\n    helm.sh/hook-weight: \"-5\"\n    helm.sh/hook-delete-policy: before-hook-creation\n" +
                "---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: smoke\n  annotations:\n    helm.sh/hook: test-success\n    helm.sh/hook-weight: heavy\n" +
                "---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: odd\n  annotations:\n    helm.sh/hook: on-a-whim\n" +
                "---\n" + Cm + "plain\n  annotations:\n    other: x\n",
        }));
        Assert.Equal(["plain"], r.Objects.Select(o => o.Name));
        Assert.Equal(2, r.Hooks.Count);
        var pod = r.Hooks[0];
        Assert.Equal(("Pod", "smoke", 0), (pod.Kind, pod.Name, pod.Weight));
        Assert.Equal(["test"], pod.Events);
        var job = r.Hooks[1];
        Assert.Equal(["pre-install", "pre-upgrade"], job.Events);
        Assert.Equal(-5, job.Weight);
        Assert.Equal(["before-hook-creation"], job.DeletePolicies);
        Assert.StartsWith("apiVersion: batch/v1\nkind: Job\n", job.Manifest, StringComparison.Ordinal);
    }

    [Fact]
    public void Template_knows_its_name_and_base_path_and_release_its_revision()
    {
        var r = Render(Make("c", new()
        {
            ["templates/sub/a.yaml"] = Cm + "a\ndata:\n  name: {{ .Template.Name }}\n  base: {{ .Template.BasePath }}\n  rev: \"{{ .Release.Revision }}\"\n  upgrade: \"{{ .Release.IsUpgrade }}\"\n  service: {{ .Release.Service }}\n  helm: {{ .Capabilities.HelmVersion.Version }}\n",
        }), release: new ReleaseOptions { Name = "r", Revision = 7, IsUpgrade = true, IsInstall = false });
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"name":"c/templates/sub/a.yaml","base":"c/templates","rev":"7","upgrade":"true","service":"Helm","helm":"v3.17.0"}"""),
            r.Objects[0].Json["data"]));
    }

    [Fact]
    public void Files_offer_get_lines_glob_and_secrets()
    {
        var r = Render(Make("c", new()
        {
            ["templates/a.yaml"] = Cm + "a\ndata:\n  get: {{ .Files.Get \"conf/a.txt\" | quote }}\n  missing: {{ .Files.Get \"nope\" | quote }}\n" +
                "  lines: {{ .Files.Lines \"conf/list.txt\" | join \"+\" }}\n  glob: {{ (.Files.Glob \"conf/*.txt\") | len }}\n" +
                "  deep: {{ (.Files.Glob \"**.txt\") | len }}\n  secret: {{ (.Files.Glob \"conf/a.txt\").AsSecrets | quote }}\n",
        }, files: new() { ["conf/a.txt"] = "hello", ["conf/list.txt"] = "one\ntwo\n", ["conf/sub/b.txt"] = "b" }));
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"get":"hello","missing":"","lines":"one+two","glob":2,"deep":3,"secret":"a.txt: aGVsbG8="}"""),
            r.Objects[0].Json["data"]), r.Objects[0].Json["data"]!.ToJsonString());
    }

    [Fact]
    public void Required_fails_with_helms_execution_error_text_and_location()
    {
        var e = Assert.Throws<HelmException>(() => Render(Make("c", new()
        {
            ["templates/a.yaml"] = Cm + "{{ required \"image.tag is required\" .Values.image.tag }}\n",
        }, "image: {}\n")));
        Assert.Equal("execution error at (c/templates/a.yaml:4:11): image.tag is required", e.Message);
        Assert.Equal(("c/templates/a.yaml", 4), (e.Template, e.Line));
    }

    [Fact]
    public void A_parse_error_names_the_template()
    {
        var e = Assert.Throws<HelmException>(() => Render(Make("c", new() { ["templates/bad.yaml"] = "{{ if }}" })));
        Assert.StartsWith("parse error at (c/templates/bad.yaml:1): ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_document_that_is_not_yaml_names_the_template()
    {
        var e = Assert.Throws<HelmException>(() => Render(Make("c", new() { ["templates/bad.yaml"] = "a: [1\n" })));
        Assert.StartsWith("YAML parse error on c/templates/bad.yaml: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lookup_is_empty_without_a_cluster_and_reads_through_the_lookup_with_one()
    {
        var chart = Make("c", new()
        {
            ["templates/a.yaml"] = Cm + "a\ndata:\n  found: {{ dig \"metadata\" \"name\" \"none\" (lookup \"v1\" \"Secret\" \"ns\" \"creds\") | quote }}\n  count: \"{{ len (dig \"items\" (list) (lookup \"v1\" \"Secret\" \"ns\" \"\")) }}\"\n",
        });
        var offline = Render(chart).Objects[0].Json["data"]!;
        Assert.Equal(("none", "0"), ((string?)offline["found"], (string?)offline["count"]));
        var live = Render(chart, lookup: new FakeLookup()).Objects[0].Json["data"]!;
        Assert.Equal("creds", (string?)live["found"]);
        Assert.Equal("2", (string?)live["count"]);
    }

    [Fact]
    public void Only_the_root_charts_notes_are_kept_and_subchart_values_are_scoped()
    {
        var sub = Make("db", new()
        {
            ["templates/NOTES.txt"] = "db notes",
            ["templates/cm.yaml"] = Cm + "{{ .Chart.Name }}-{{ .Values.size }}-{{ .Chart.IsRoot }}\n",
        }, "size: small\n");
        var r = Render(Make("app", new()
        {
            ["templates/NOTES.txt"] = "app notes {{ .Values.db.size }} {{ .Subcharts.db.Values.size }}",
        }, "db:\n  size: large\n", deps: [sub]));
        Assert.Equal("app notes large large", r.Notes);
        Assert.Equal("db-large-false", r.Objects[0].Name);
    }

    [Fact]
    public void A_library_chart_renders_only_its_defines()
    {
        var lib = Make("lib", new()
        {
            ["templates/_x.tpl"] = "{{ define \"lib.name\" }}from-lib{{ end }}",
            ["templates/cm.yaml"] = Cm + "never\n",
        }, type: "library");
        var r = Render(Make("app", new() { ["templates/cm.yaml"] = Cm + "{{ include \"lib.name\" . }}\n" }, deps: [lib]));
        Assert.Equal(["from-lib"], r.Objects.Select(o => o.Name));
    }

    private sealed class FakeLookup : IResourceLookup
    {
        public JsonObject? Lookup(string apiVersion, string kind, string @namespace, string name, CancellationToken cancellationToken) =>
            (apiVersion, kind, @namespace, name) switch
            {
                ("v1", "Secret", "ns", "creds") => (JsonObject)JsonNode.Parse("""{"apiVersion":"v1","kind":"Secret","metadata":{"name":"creds"}}""")!,
                ("v1", "Secret", "ns", "") => (JsonObject)JsonNode.Parse("""{"apiVersion":"v1","kind":"SecretList","items":[{},{}]}""")!,
                _ => null,
            };
    }
}
