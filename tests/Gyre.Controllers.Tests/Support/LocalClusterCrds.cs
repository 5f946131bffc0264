using Gyre.Api.Crds;
using Gyre.Kube;
using Gyre.Kube.Dynamic;

namespace Gyre.Controllers.Tests.Support;

/// <summary>Installs Gyre's CRDs exactly as shipped (typed status.conditions and all) on the test cluster.</summary>
public static class LocalClusterCrds
{
    public static async Task InstallAsync(KubeClient client, CancellationToken cancellationToken)
    {
        var crds = await client.ForKindAsync("apiextensions.k8s.io/v1", "CustomResourceDefinition", cancellationToken);
        foreach (var crd in FluxCrds.All())
        {
            await crds.ApplyAsync(crd.Json, new WriteOptions { FieldManager = "gyre", Force = true }, cancellationToken);
        }
    }
}
