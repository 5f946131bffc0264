using Gyre.Api.Crds;

namespace Gyre.Api.Tests;

public sealed class FluxCrdsTests
{
    [Fact]
    public void Every_Flux_kind_is_defined_with_its_older_versions_served()
    {
        var crds = FluxCrds.All().ToDictionary(c => c.Name);

        Assert.Equal(
            [
                "alerts.notification.toolkit.fluxcd.io", "buckets.source.toolkit.fluxcd.io", "gitrepositories.source.toolkit.fluxcd.io",
                "helmcharts.source.toolkit.fluxcd.io", "helmreleases.helm.toolkit.fluxcd.io", "helmrepositories.source.toolkit.fluxcd.io",
                "imagepolicies.image.toolkit.fluxcd.io", "imagerepositories.image.toolkit.fluxcd.io",
                "imageupdateautomations.image.toolkit.fluxcd.io", "kustomizations.kustomize.toolkit.fluxcd.io",
                "ocirepositories.source.toolkit.fluxcd.io", "providers.notification.toolkit.fluxcd.io", "receivers.notification.toolkit.fluxcd.io",
            ],
            crds.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["v1", "v1beta2"], Versions(crds["kustomizations.kustomize.toolkit.fluxcd.io"]));
        Assert.Equal(["v2", "v2beta2", "v2beta1"], Versions(crds["helmreleases.helm.toolkit.fluxcd.io"]));
        Assert.Equal(["v1", "v1beta2"], Versions(crds["gitrepositories.source.toolkit.fluxcd.io"]));
    }

    [Fact]
    public void Exactly_one_storage_version_and_a_status_subresource_per_kind()
    {
        foreach (var crd in FluxCrds.All())
        {
            var versions = crd.Json["spec"]!["versions"]!.AsArray();
            Assert.Single(versions, v => (bool)v!["storage"]!);
            Assert.All(versions, v => Assert.NotNull(v!["subresources"]?["status"]));
        }
    }

    [Fact]
    public void Printer_columns_show_Ready_and_Status_from_the_Ready_condition_as_flux_does()
    {
        var ks = FluxCrds.All().Single(c => c.Name == "kustomizations.kustomize.toolkit.fluxcd.io");
        var columns = ks.Json["spec"]!["versions"]![0]!["additionalPrinterColumns"]!.AsArray();

        Assert.Equal(["Age", "Ready", "Status"], columns.Select(c => (string)c!["name"]!));
        Assert.Equal(".status.conditions[?(@.type==\"Ready\")].message", (string?)columns[2]!["jsonPath"]);
    }

    private static string[] Versions(Gyre.Manifests.KubeObject crd) =>
        crd.Json["spec"]!["versions"]!.AsArray().Select(v => (string)v!["name"]!).ToArray();
}
