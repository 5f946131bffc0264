using Gyre.Controllers.Tests.Support;

namespace Gyre.Controllers.Tests;

/// <summary>
/// install/upgrade.crds as Flux's applyCRDs treats the chart's crds/: Create (the install default) creates the missing
/// CustomResourceDefinitions and leaves existing ones alone; CreateReplace updates them too.
/// </summary>
[Collection(ControllersCollection.Name)]
public sealed class HelmReleaseCrdPolicyTests(ControllersFixture rig)
{
    private const string CrdApi = "apiextensions.k8s.io/v1";

    private static string Crd(string group, string shortNames) => $$"""
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: gadgets.{{group}}
        spec:
          group: {{group}}
          names: {kind: Gadget, plural: gadgets, singular: gadget, listKind: GadgetList{{shortNames}}}
          scope: Namespaced
          versions:
          - name: v1
            served: true
            storage: true
            schema:
              openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
        """;

    [Theory]
    [InlineData("", false)]
    [InlineData("  install:\n    crds: CreateReplace\n", true)]
    public async Task An_existing_CRD_is_left_alone_under_Create_and_replaced_under_CreateReplace(string install, bool replaced)
    {
        var group = "g" + Guid.NewGuid().ToString("N")[..10] + ".example.com";
        var files = HelmTestCharts.Podinfo("1.0.0");
        files["crds/gadgets.yaml"] = Crd(group, ", shortNames: [gd]");
        var (ns, repo) = await rig.HelmRepositoryAsync("hr-crds", ("podinfo", "1.0.0", files));
        await using var _ = repo;
        await rig.ApplyAsync(Crd(group, ""));

        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "web", "1.0.0", install));
        await rig.WaitForReleaseReadyAsync(ns, "web", "True");

        var crd = (await rig.GetAsync(CrdApi, "CustomResourceDefinition", null, "gadgets." + group))!;
        Assert.Equal(replaced, crd.Json["spec"]!["names"]!["shortNames"] is not null);
        Assert.Equal(replaced ? "web" : null, (string?)crd.Json["metadata"]!["labels"]?["helm.toolkit.fluxcd.io/name"]);
    }

    [Fact]
    public async Task Create_still_creates_a_missing_CRD()
    {
        var group = "g" + Guid.NewGuid().ToString("N")[..10] + ".example.com";
        var files = HelmTestCharts.Podinfo("1.0.0");
        files["crds/gadgets.yaml"] = Crd(group, "");
        var (ns, repo) = await rig.HelmRepositoryAsync("hr-crds-new", ("podinfo", "1.0.0", files));
        await using var _ = repo;

        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "web", "1.0.0"));
        await rig.WaitForReleaseReadyAsync(ns, "web", "True");

        var crd = (await rig.GetAsync(CrdApi, "CustomResourceDefinition", null, "gadgets." + group))!;
        Assert.Equal("web", (string?)crd.Json["metadata"]!["labels"]!["helm.toolkit.fluxcd.io/name"]);
    }

    [Fact]
    public async Task The_chart_CRDs_are_applied_before_rendering_so_the_templates_capabilities_see_them()
    {
        var group = "g" + Guid.NewGuid().ToString("N")[..10] + ".example.com";
        var files = HelmTestCharts.Podinfo("1.0.0");
        files["crds/gadgets.yaml"] = Crd(group, "");
        files["templates/gadget.yaml"] = $$$"""
            {{- if .Capabilities.APIVersions.Has "{{{group}}}/v1/Gadget" }}
            apiVersion: {{{group}}}/v1
            kind: Gadget
            metadata:
              name: {{ .Release.Name }}-gadget
            {{- end }}
            """;
        var (ns, repo) = await rig.HelmRepositoryAsync("hr-crds-caps", ("podinfo", "1.0.0", files));
        await using var _ = repo;

        await rig.ApplyAsync(HelmTestCharts.HelmRelease(ns, "web", "1.0.0"));
        await rig.WaitForReleaseReadyAsync(ns, "web", "True");

        Assert.NotNull(await rig.GetAsync(group + "/v1", "Gadget", ns, "web-gadget"));
    }
}
