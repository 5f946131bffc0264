using System.Text.Json.Nodes;
using Gyre.Manifests;

namespace Gyre.PostBuild.Tests;

public sealed class PostBuildSubstitutionTests
{
    private static KubeObject ConfigMap(string name, params (string Key, string Value)[] data)
    {
        var obj = new JsonObject();
        foreach (var (k, v) in data)
        {
            obj[k] = v;
        }

        return new KubeObject(new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["metadata"] = new JsonObject { ["name"] = name }, ["data"] = obj });
    }

    private static KubeObject Secret(string name, params (string Key, string Value)[] data)
    {
        var secret = ConfigMap(name, data.Select(d => (d.Key, Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(d.Value)))).ToArray());
        secret.Kind = "Secret";
        return secret;
    }

    [Fact]
    public void Later_sources_win_and_inline_substitute_wins_over_all()
    {
        var vars = PostBuildSubstitution.CollectVariables(
            [ConfigMap("settings", ("cluster", "dev"), ("region", "eu")), Secret("secrets", ("region", "us"), ("token", "s3cr3t\n"))],
            new Dictionary<string, string> { ["cluster"] = "prod" });
        Assert.Equal("prod", vars["cluster"]);
        Assert.Equal("us", vars["region"]);
        Assert.Equal("s3cr3t", vars["token"]);
    }

    [Fact]
    public void Substituted_yaml_reads_back_with_yaml_types_and_keeps_quoted_strings()
    {
        var vars = new Dictionary<string, string> { ["replicas"] = "3", ["port"] = "8080", ["name"] = "web" };
        var yaml = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  replicas: ${replicas}\n  template:\n    metadata:\n      annotations:\n        port: \"${port}\"\n";
        var substituted = new PostBuildSubstitution(vars, strict: true).Substitute(yaml, new ObjectRef("apps", "Deployment", "", "web"));
        var obj = KubeObject.Parse(substituted);
        Assert.Equal("web", obj.Name);
        Assert.Equal(3, obj.Json["spec"]!["replicas"]!.GetValue<long>());
        Assert.Equal("8080", obj.Json["spec"]!["template"]!["metadata"]!["annotations"]!["port"]!.GetValue<string>());
    }

    [Fact]
    public void A_strict_failure_names_the_object_and_the_variable()
    {
        var ex = Assert.Throws<SubstitutionException>(() =>
            new PostBuildSubstitution(new Dictionary<string, string>(), strict: true).Substitute("x: ${cluster_name}", new ObjectRef("", "ConfigMap", "apps", "cm")));
        Assert.Equal("cluster_name", ex.Variable);
        Assert.StartsWith("ConfigMap/apps/cm: post build substitution failed: variable 'cluster_name' is not set", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1abc")]
    [InlineData("a-b")]
    [InlineData("a.b")]
    public void Invalid_variable_names_are_refused(string name)
    {
        var ex = Assert.Throws<SubstitutionException>(() => PostBuildSubstitution.CollectVariables([], new Dictionary<string, string> { [name] = "x" }));
        Assert.Contains(name, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_secret_value_is_reported_without_its_content()
    {
        var secret = ConfigMap("creds", ("password", "%%%not-base64%%%"));
        secret.Kind = "Secret";
        var ex = Assert.Throws<SubstitutionException>(() => PostBuildSubstitution.CollectVariables([secret], null));
        Assert.Contains("data.password", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-base64", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Objects_opt_out_with_the_substitute_disabled_label_or_annotation()
    {
        var obj = ConfigMap("cm");
        Assert.False(PostBuildSubstitution.IsDisabled(obj));
        obj.SetAnnotation(PostBuildSubstitution.DisableKey, "disabled");
        Assert.True(PostBuildSubstitution.IsDisabled(obj));
    }
}
