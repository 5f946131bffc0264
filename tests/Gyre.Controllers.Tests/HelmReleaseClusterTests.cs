using Gyre.Controllers.Tests.Support;

namespace Gyre.Controllers.Tests;

/// <summary>During install and upgrade a chart sees the live cluster: lookup reads it, and .Capabilities come from /version and discovery.</summary>
[Collection(ControllersCollection.Name)]
public sealed class HelmReleaseClusterTests(ControllersFixture rig)
{
    [Fact]
    public async Task A_chart_branches_on_the_clusters_version_and_api_versions_and_reads_live_objects_with_lookup()
    {
        var ns = await rig.NamespaceAsync("hr-caps");
        var group = ns.Replace("-", string.Empty, StringComparison.Ordinal) + ".example.com";
        await rig.ApplyAsync($$"""
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata:
              name: widgets.{{group}}
            spec:
              group: {{group}}
              names: {kind: Widget, plural: widgets, singular: widget, listKind: WidgetList}
              scope: Namespaced
              versions:
              - name: v1
                served: true
                storage: true
                schema:
                  openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
            """);
        await rig.ApplyAsync($"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: existing\n  namespace: {ns}\ndata:\n  value: from-the-cluster\n");
        var configMaps = (await rig.Kubectl.GetJsonAsync("get", "configmaps", "-n", ns))["items"]!.AsArray().Count;
        var files = HelmTestCharts.Podinfo("1.0.0");
        files["templates/caps.yaml"] = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: {{ .Release.Name }}-caps
            data:
              kubeVersion: {{ .Capabilities.KubeVersion.Version | quote }}
              widgetKind: {{ .Capabilities.APIVersions.Has "GROUP/v1/Widget" | quote }}
              widgetGroup: {{ .Capabilities.APIVersions.Has "GROUP/v1" | quote }}
              absent: {{ .Capabilities.APIVersions.Has "absent.example.com/v1" | quote }}
              existing: {{ (lookup "v1" "ConfigMap" .Release.Namespace "existing").data.value | default "none" | quote }}
              missing: {{ lookup "v1" "ConfigMap" .Release.Namespace "missing" | len | quote }}
              configMaps: {{ (lookup "v1" "ConfigMap" .Release.Namespace "").items | len | quote }}
            """.Replace("GROUP", group, StringComparison.Ordinal);
        var repo = await HelmTestCharts.ServeAsync(("podinfo", "1.0.0", HelmTestCharts.Package("podinfo", files)));
        await using var _ = repo;
        await rig.ApplyAsync(HelmTestCharts.HelmRepository(ns, "charts", repo.BaseUrl));

        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "web", "1.0.0"));

        await rig.WaitForReleaseReadyAsync(ns, "web", "True");
        var data = (await rig.GetAsync("v1", "ConfigMap", ns, "web-caps"))!.Json["data"]!;
        var version = await rig.Client.Discovery.GetServerVersionAsync(CancellationToken.None);
        Assert.Equal((string?)version["gitVersion"], (string?)data["kubeVersion"]);
        Assert.NotEqual("v1.32.0", (string?)data["kubeVersion"]);
        Assert.Equal(("true", "true", "false"), ((string?)data["widgetKind"], (string?)data["widgetGroup"], (string?)data["absent"]));
        Assert.Equal(("from-the-cluster", "0", configMaps.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ((string?)data["existing"], (string?)data["missing"], (string?)data["configMaps"]));
    }
}
