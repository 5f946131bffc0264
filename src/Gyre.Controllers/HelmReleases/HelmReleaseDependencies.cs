using System.Text.Json.Nodes;
using Gyre.Api.Helm;
using Gyre.Api.Meta;
using Gyre.Controllers.Common;
using Gyre.Controllers.Kustomizations;
using Gyre.Kube;
using Gyre.Manifests;

namespace Gyre.Controllers.HelmReleases;

/// <summary>
/// spec.dependsOn as helm-controller checks it: every HelmRelease listed must exist, have observed its generation
/// and be Ready. Dependents are queued when a dependency becomes Ready (<see cref="DependentTriggers"/>), not polled.
/// </summary>
internal sealed class HelmReleaseDependencies(KubeClient client)
{
    public async Task CheckAsync(KubeObject self, HelmReleaseSpec spec, CancellationToken cancellationToken)
    {
        foreach (var dependency in spec.DependsOn)
        {
            if (dependency.Namespace == self.Namespace && dependency.Name == self.Name)
            {
                throw new Gyre.Runtime.Reconcile.TerminalReconcileException(Reasons.DependencyCycle, $"dependency cycle detected: {dependency} depends on itself");
            }

            var obj = await ObjectReader.GetAsync(client, HelmReleaseSpec.ApiVersion, HelmReleaseSpec.Kind, dependency.Namespace, dependency.Name, cancellationToken).ConfigureAwait(false)
                ?? throw new ReconcileStepException(Reasons.DependencyNotReady, $"dependency '{dependency}' not found");
            var status = obj.Json["status"];
            var observed = status?["observedGeneration"] is JsonValue g && g.TryGetValue<long>(out var n) ? n : -1;
            var ready = ConditionSet.Read(status).Get(ConditionTypes.Ready);
            if (observed != obj.Generation || ready?.IsTrue != true)
            {
                throw new ReconcileStepException(Reasons.DependencyNotReady,
                    $"dependency '{dependency}' is not ready" + (ready is null ? string.Empty : $": {ready.Reason}: {ready.Message}"));
            }
        }
    }
}
