using System.Text.Json.Nodes;
using Gyre.Controllers.Tests.Support;

namespace Gyre.Controllers.Tests;

/// <summary>
/// spec.valuesFrom as fluxcd/pkg's ChartValuesFromReferences composes it: entries in order, a targetPath entry
/// placed where it stands (quoted values as strings, literal ones verbatim), and spec.values merged last.
/// </summary>
[Collection(ControllersCollection.Name)]
public sealed class HelmReleaseValuesFromTests(ControllersFixture rig)
{
    [Fact]
    public async Task Target_paths_apply_in_order_quoted_values_stay_strings_literal_values_stay_verbatim_and_inline_values_win()
    {
        var (ns, repo) = await rig.HelmRepositoryAsync("hr-valuesfrom", ("podinfo", "1.0.0", HelmTestCharts.Podinfo("1.0.0")));
        await using var _ = repo;
        await rig.ApplyAsync($$"""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: parts
              namespace: {{ns}}
            data:
              values.yaml: |
                message: from-file
                replicaCount: 2
              message: from-path
              replicas: "3"
              tag: '"1234"'
              port: "8080"
              app.conf: "a,b={c}\nkey=value"
              later.yaml: |
                image:
                  repository: example.com/from-later-file
            """);
        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "web", "1.0.0", """
              valuesFrom:
              - {kind: ConfigMap, name: parts}
              - {kind: ConfigMap, name: parts, valuesKey: message, targetPath: message}
              - {kind: ConfigMap, name: parts, valuesKey: replicas, targetPath: replicaCount}
              - {kind: ConfigMap, name: parts, valuesKey: tag, targetPath: image.tag}
              - {kind: ConfigMap, name: parts, valuesKey: port, targetPath: 'ports[0].containerPort'}
              - {kind: ConfigMap, name: parts, valuesKey: app.conf, targetPath: 'files.app\.conf', literal: true}
              - {kind: ConfigMap, name: parts, valuesKey: later.yaml}
              values:
                message: inline
            """));
        await rig.WaitForReleaseReadyAsync(ns, "web", "True");

        var config = (await rig.StoredReleaseAsync(ns, "web", 1)).Config;
        var expected = JsonNode.Parse("""
            {
              "message": "inline",
              "replicaCount": 3,
              "image": {"tag": "1234", "repository": "example.com/from-later-file"},
              "ports": [{"containerPort": 8080}],
              "files": {"app.conf": "a,b={c}\nkey=value"}
            }
            """);
        Assert.True(JsonNode.DeepEquals(expected, config), config.ToJsonString());
        Assert.Equal("inline", (string?)(await rig.GetAsync("v1", "ConfigMap", ns, "web-config"))!.Json["data"]!["message"]);
    }
}
