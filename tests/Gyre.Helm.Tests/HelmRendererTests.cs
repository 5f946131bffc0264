using System.Text.Json.Nodes;
using Gyre.Helm.Rendering;
using Gyre.Helm.Values;

namespace Gyre.Helm.Tests;

public sealed class HelmRendererTests
{
    private static RenderedRelease Render(string chart, string release, string ns = "default", JsonObject? values = null, Capabilities? caps = null) =>
        HelmRenderer.Render(TestData.Load(chart), values, new ReleaseOptions { Name = release, Namespace = ns }, caps ?? Capabilities.ForTemplate(), null, CancellationToken.None);

    [Fact]
    public void Renders_the_podinfo_chart_as_helm_template_prints_it()
    {
        var r = Render("podinfo", "frontend", "apps");
        Assert.Equal(TestData.Text("podinfo.template.expected.yaml"), TemplateOutput.Format(r, includeCrds: false));
    }

    [Fact]
    public void Splits_the_test_hook_with_its_events_and_delete_policies()
    {
        var hook = Assert.Single(Render("podinfo", "frontend").Hooks);
        Assert.Equal("podinfo/templates/tests/test-connection.yaml", hook.Path);
        Assert.Equal(("Pod", "frontend-podinfo-test"), (hook.Kind, hook.Name));
        Assert.Equal(["test"], hook.Events);
        Assert.Equal(["before-hook-creation", "hook-succeeded"], hook.DeletePolicies);
        Assert.Equal(0, hook.Weight);
    }

    [Fact]
    public void Renders_notes_of_the_root_chart_and_keeps_them_out_of_the_manifest()
    {
        var r = Render("podinfo", "frontend", "apps");
        Assert.Equal("podinfo is running as frontend-podinfo in apps.\n", r.Notes);
        Assert.DoesNotContain("NOTES", r.Manifest, StringComparison.Ordinal);
    }

    [Fact]
    public void Objects_follow_the_install_order_of_the_manifest()
    {
        var r = Render("podinfo", "frontend");
        Assert.Equal(["ConfigMap", "Service", "Deployment"], r.Objects.Select(o => o.Kind));
    }

    [Fact]
    public void Includes_crds_first_when_asked()
    {
        var r = Render("podinfo", "frontend");
        var crd = Assert.Single(r.Crds);
        Assert.Equal("podinfos.example.com", crd.Name);
        var output = TemplateOutput.Format(r, includeCrds: true);
        Assert.StartsWith("---\n# Source: podinfo/crds/podinfos.yaml\napiVersion: apiextensions.k8s.io/v1\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Values_switch_on_optional_templates_and_capabilities_pick_the_api_version()
    {
        var values = new JsonObject();
        SetValuesParser.ParseSet("hpa.enabled=true,serviceAccount.enabled=true,serviceAccount.name=podinfo-sa", values);
        var r = Render("podinfo", "podinfo", values: values);
        Assert.Equal(["ServiceAccount", "ConfigMap", "Service", "Deployment", "HorizontalPodAutoscaler"], r.Objects.Select(o => o.Kind));
        var hpa = r.Objects[^1];
        Assert.Equal("autoscaling/v2", hpa.ApiVersion);
        Assert.Equal("podinfo", hpa.Name);
        Assert.Null(r.Objects[3].Json["spec"]!["replicas"]);
        Assert.Equal("podinfo-sa", (string?)r.Objects[3].Json["spec"]!["template"]!["spec"]!["serviceAccountName"]);
    }

    [Fact]
    public void An_older_cluster_without_autoscaling_v2_gets_v2beta2()
    {
        var values = new JsonObject();
        SetValuesParser.ParseSet("hpa.enabled=true", values);
        var caps = new Capabilities { KubeVersion = "1.22.0", ApiVersions = ["v1", "apps/v1", "autoscaling/v2beta2"] };
        var r = Render("podinfo", "web", values: values, caps: caps);
        Assert.Equal("autoscaling/v2beta2", r.Objects.Single(o => o.Kind == "HorizontalPodAutoscaler").ApiVersion);
    }

    [Fact]
    public void Refuses_a_cluster_older_than_the_charts_kube_version()
    {
        var e = Assert.Throws<HelmException>(() => Render("podinfo", "web", caps: Capabilities.ForTemplate("1.18.3")));
        Assert.Equal("podinfo: chart requires kubeVersion: >=1.19.0-0 which is incompatible with Kubernetes v1.18.3", e.Message);
    }

    [Fact]
    public void Renders_a_chart_with_a_library_an_aliased_subchart_imports_and_globals()
    {
        var r = Render("shop", "store");
        Assert.Equal(TestData.Text("shop.template.expected.yaml"), TemplateOutput.Format(r, includeCrds: false));
    }

    [Fact]
    public void A_false_condition_removes_the_subchart_and_its_imports()
    {
        var values = new JsonObject();
        SetValuesParser.ParseSet("cache.enabled=false", values);
        var r = Render("shop", "store", values: values);
        Assert.Equal(["Deployment"], r.Objects.Select(o => o.Kind));
        Assert.False(r.ComputedValues.ContainsKey("cacheReplicas"));
    }

    [Fact]
    public void A_true_tag_enables_the_tagged_subchart()
    {
        var values = new JsonObject();
        SetValuesParser.ParseSet("tags.monitoring=true", values);
        var r = Render("shop", "store", values: values);
        Assert.Contains(r.Objects, o => o.Kind == "ConfigMap" && o.Name == "store-metrics");
    }

    [Fact]
    public void Computed_values_hold_subchart_sections_with_globals_copied_down()
    {
        var v = Render("shop", "store").ComputedValues;
        Assert.Equal("backend", (string?)v["cache"]!["global"]!["tier"]);
        Assert.Equal("standard", (string?)v["cache"]!["global"]!["storageClass"]);
        Assert.Equal(6380, (double)v["cacheService"]!["port"]!);
        Assert.Equal("LoadBalancer", (string?)v["cacheService"]!["type"]);
    }
}
