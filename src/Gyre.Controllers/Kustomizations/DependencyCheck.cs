using System.Text.Json.Nodes;
using Gyre.Api.Kustomize;
using Gyre.Api.Meta;
using Gyre.Cel;
using Gyre.Controllers.Common;
using Gyre.Kube;
using Gyre.Manifests;

namespace Gyre.Controllers.Kustomizations;

/// <summary>
/// spec.dependsOn as kustomize-controller's checkDependencies reads it (uncached): each dependency must exist, have
/// observed its latest generation, be Ready, and, when it builds from the same source, have applied the current
/// revision. Unlike Flux, a cycle is detected and reported instead of waiting forever.
/// </summary>
internal sealed class DependencyCheck(KubeClient client)
{
    public const string ApiVersion = "kustomize.toolkit.fluxcd.io/v1";

    /// <summary>The cycle through <paramref name="self"/> as "a -> b -> a", or null.</summary>
    public async Task<string?> FindCycleAsync(KubeObject self, KustomizationSpec spec, CancellationToken cancellationToken)
    {
        var start = new DependencyReference(self.Namespace ?? string.Empty, self.Name);
        var path = new List<DependencyReference> { start };
        var visited = new HashSet<DependencyReference>();
        return await VisitAsync(start, spec.DependsOn, path, visited, cancellationToken).ConfigureAwait(false);
    }

    private async Task<string?> VisitAsync(
        DependencyReference start, IReadOnlyList<DependencyReference> next, List<DependencyReference> path, HashSet<DependencyReference> visited,
        CancellationToken cancellationToken)
    {
        foreach (var dependency in next)
        {
            if (dependency == start)
            {
                return string.Join(" -> ", path.Append(start));
            }

            if (!visited.Add(dependency))
            {
                continue;
            }

            var obj = await ObjectReader.GetAsync(client, ApiVersion, KustomizationSpec.Kind, dependency.Namespace, dependency.Name, cancellationToken).ConfigureAwait(false);
            if (obj is null)
            {
                continue;
            }

            var ns = obj.Namespace ?? string.Empty;
            var theirs = (obj.Json["spec"]?["dependsOn"] as JsonArray ?? []).OfType<JsonObject>()
                .Select(d => new DependencyReference((string?)d["namespace"] ?? ns, (string?)d["name"] ?? string.Empty))
                .ToList();
            path.Add(dependency);
            var cycle = await VisitAsync(start, theirs, path, visited, cancellationToken).ConfigureAwait(false);
            if (cycle is not null)
            {
                return cycle;
            }

            path.RemoveAt(path.Count - 1);
        }

        return null;
    }

    /// <summary>Null when every dependency is ready, else what the first unready one is waiting for.</summary>
    public async Task<string?> FirstNotReadyAsync(
        KubeObject self, KustomizationSpec spec, KustomizationExpressions expressions, string? sourceRevision, CancellationToken cancellationToken)
    {
        foreach (var dependency in spec.DependsOn)
        {
            var obj = await ObjectReader.GetAsync(client, ApiVersion, KustomizationSpec.Kind, dependency.Namespace, dependency.Name, cancellationToken).ConfigureAwait(false);
            if (obj is null)
            {
                return $"dependency '{dependency}' not found";
            }

            if (expressions.Ready.TryGetValue(dependency, out var readyExpr))
            {
                // As Flux (without the AdditiveCELDependencyCheck gate): readyExpr replaces the built-in check.
                if (ReadyByExpression(readyExpr, self, obj) is { } why)
                {
                    return $"dependency '{dependency}' is not ready: {why}";
                }

                continue;
            }

            var status = obj.Json["status"];
            var observed = status?["observedGeneration"] is JsonValue g && g.TryGetValue<long>(out var n) ? n : -1;
            var ready = ConditionSet.Read(status).Get(ConditionTypes.Ready);
            if (observed != obj.Generation || ready?.IsTrue != true)
            {
                return $"dependency '{dependency}' is not ready" + (ready is null ? string.Empty : $": {ready.Reason}: {ready.Message}");
            }

            var theirSource = obj.Json["spec"]?["sourceRef"];
            var sameSource = (string?)theirSource?["kind"] == spec.SourceRef.Kind && (string?)theirSource?["name"] == spec.SourceRef.Name
                && ((string?)theirSource?["namespace"] ?? obj.Namespace) == spec.SourceRef.Namespace;
            if (sameSource && sourceRevision is not null && (string?)status?["lastAppliedRevision"] != sourceRevision)
            {
                return $"dependency '{dependency}' revision is not up to date: waiting for it to apply {sourceRevision}";
            }
        }

        return null;
    }

    private static string? ReadyByExpression(CelExpression readyExpr, KubeObject self, KubeObject dependency)
    {
        try
        {
            return readyExpr.EvaluateBoolean(new Dictionary<string, JsonNode?> { ["self"] = self.Json, ["dep"] = dependency.Json })
                ? null
                : $"readyExpr '{readyExpr.Text}' is false";
        }
        catch (CelException ex)
        {
            return $"readyExpr could not be evaluated: {ex.Reason}";
        }
    }
}
