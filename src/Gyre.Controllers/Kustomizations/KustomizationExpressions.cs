using Gyre.Api.Kustomize;
using Gyre.Api.Meta;
using Gyre.Apply.Health;
using Gyre.Cel;
using Gyre.Controllers.Common;

namespace Gyre.Controllers.Kustomizations;

/// <summary>
/// The CEL in a Kustomization spec (healthCheckExprs, dependsOn[].readyExpr), compiled before anything else runs: an
/// expression that does not compile can never pass, so, as Flux does, it stalls the Kustomization (InvalidCELExpression).
/// </summary>
internal sealed class KustomizationExpressions
{
    public static readonly string[] ReadyExprVariables = ["self", "dep"];

    private KustomizationExpressions(IReadOnlyList<CelHealthCheck> health, IReadOnlyDictionary<DependencyReference, CelExpression> ready)
    {
        Health = health;
        Ready = ready;
    }

    public IReadOnlyList<CelHealthCheck> Health { get; }

    public IReadOnlyDictionary<DependencyReference, CelExpression> Ready { get; }

    public static KustomizationExpressions Compile(KustomizationSpec spec)
    {
        var health = HealthCheckExpressions.Compile(spec.HealthCheckExprs);
        var ready = new Dictionary<DependencyReference, CelExpression>();
        foreach (var (dependency, text) in spec.ReadyExprs)
        {
            try
            {
                ready[dependency] = CelExpression.Compile(text, ReadyExprVariables);
            }
            catch (CelException ex)
            {
                throw HealthCheckExpressions.Invalid($"spec.dependsOn '{dependency}' readyExpr", ex, ReadyExprVariables);
            }
        }

        return new KustomizationExpressions(health, ready);
    }
}
