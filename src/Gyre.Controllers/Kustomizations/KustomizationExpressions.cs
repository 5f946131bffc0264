using Gyre.Api.Kustomize;
using Gyre.Api.Meta;
using Gyre.Apply.Health;
using Gyre.Cel;
using Gyre.Runtime.Reconcile;

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
        var health = new List<CelHealthCheck>();
        for (var i = 0; i < spec.HealthCheckExprs.Count; i++)
        {
            var check = spec.HealthCheckExprs[i];
            try
            {
                health.Add(CelHealthCheck.Compile(check.ApiVersion, check.Kind, check.Current, check.InProgress, check.Failed));
            }
            catch (CelException ex)
            {
                throw Invalid($"spec.healthCheckExprs[{i}] ({check.ApiVersion} {check.Kind})", ex);
            }
        }

        var ready = new Dictionary<DependencyReference, CelExpression>();
        foreach (var (dependency, text) in spec.ReadyExprs)
        {
            try
            {
                ready[dependency] = CelExpression.Compile(text, ReadyExprVariables);
            }
            catch (CelException ex)
            {
                throw Invalid($"spec.dependsOn '{dependency}' readyExpr", ex);
            }
        }

        return new KustomizationExpressions(health, ready);
    }

    private static TerminalReconcileException Invalid(string where, CelException ex) =>
        new(Reasons.InvalidCelExpression, $"{where}: invalid {ex.Message}; fix the expression (variables: {VariablesOf(where)})", ex);

    private static string VariablesOf(string where) =>
        string.Join(", ", where.Contains("readyExpr", StringComparison.Ordinal) ? ReadyExprVariables : CelHealthCheck.Variables);
}
