using Gyre.Api.Kustomize;
using Gyre.Api.Meta;
using Gyre.Apply.Health;
using Gyre.Cel;
using Gyre.Runtime.Reconcile;

namespace Gyre.Controllers.Common;

/// <summary>
/// spec.healthCheckExprs of a Kustomization or a HelmRelease, compiled before anything is applied: an expression that
/// does not compile can never pass, so, as Flux does, it stalls the object (InvalidCELExpression).
/// </summary>
internal static class HealthCheckExpressions
{
    public static IReadOnlyList<CelHealthCheck> Compile(IReadOnlyList<CustomHealthCheck> checks)
    {
        var compiled = new List<CelHealthCheck>(checks.Count);
        for (var i = 0; i < checks.Count; i++)
        {
            var check = checks[i];
            try
            {
                compiled.Add(CelHealthCheck.Compile(check.ApiVersion, check.Kind, check.Current, check.InProgress, check.Failed));
            }
            catch (CelException ex)
            {
                throw Invalid($"spec.healthCheckExprs[{i}] ({check.ApiVersion} {check.Kind})", ex, CelHealthCheck.Variables);
            }
        }

        return compiled;
    }

    /// <summary>The stalling error for an expression that does not compile, naming where it is and the variables it may use.</summary>
    public static TerminalReconcileException Invalid(string where, CelException ex, IEnumerable<string> variables) =>
        new(Reasons.InvalidCelExpression, $"{where}: invalid {ex.Message}; fix the expression (variables: {string.Join(", ", variables)})", ex);
}
