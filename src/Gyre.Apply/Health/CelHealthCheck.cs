using System.Text.Json.Nodes;
using Gyre.Cel;
using Gyre.Manifests;

namespace Gyre.Apply.Health;

/// <summary>
/// A Kustomization's healthCheckExprs entry, compiled: the health of every object of one group and kind computed by CEL
/// expressions over the object's top-level fields (metadata, spec, status...). As Flux does, kstatus' generic rules
/// come first (deletion, observedGeneration), then inProgress, failed and current are evaluated in that order and the
/// first that is true wins; none true means InProgress. An evaluation error (e.g. a field the object does not have
/// yet) also counts as InProgress, with the error as the message, so the wait goes on until the timeout.
/// </summary>
public sealed class CelHealthCheck
{
    /// <summary>The names an expression may use: the top-level fields of a Kubernetes object.</summary>
    public static readonly IReadOnlyList<string> Variables = ["apiVersion", "kind", "metadata", "spec", "status", "data", "stringData", "type"];

    private readonly (HealthStatus Status, CelExpression Expression)[] _rules;

    private CelHealthCheck(string group, string kind, (HealthStatus, CelExpression)[] rules)
    {
        Group = group;
        Kind = kind;
        _rules = rules;
    }

    public string Group { get; }

    public string Kind { get; }

    /// <summary>Compiles the expressions; throws <see cref="CelException"/> naming the first that does not compile.</summary>
    public static CelHealthCheck Compile(string apiVersion, string kind, string current, string? inProgress, string? failed)
    {
        ArgumentNullException.ThrowIfNull(apiVersion);
        var rules = new List<(HealthStatus, CelExpression)>();
        if (!string.IsNullOrWhiteSpace(inProgress))
        {
            rules.Add((HealthStatus.InProgress, CelExpression.Compile(inProgress, Variables)));
        }

        if (!string.IsNullOrWhiteSpace(failed))
        {
            rules.Add((HealthStatus.Failed, CelExpression.Compile(failed, Variables)));
        }

        rules.Add((HealthStatus.Current, CelExpression.Compile(current, Variables)));
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        return new CelHealthCheck(slash < 0 ? string.Empty : apiVersion[..slash], kind, [.. rules]);
    }

    public bool Matches(KubeObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return obj.Kind == Kind && obj.Group == Group;
    }

    public HealthResult Evaluate(KubeObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        if (obj.DeletionTimestamp is not null)
        {
            return new HealthResult(HealthStatus.Terminating, "Resource scheduled for deletion");
        }

        if (obj.Json["status"]?["observedGeneration"] is JsonValue observed && observed.TryGetValue<long>(out var generation) && generation != obj.Generation)
        {
            return HealthResult.InProgress($"{obj.Kind} generation is {obj.Generation}, but latest observed generation is {generation}");
        }

        var variables = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (key, value) in obj.Json)
        {
            variables[key] = value;
        }

        foreach (var (status, expression) in _rules)
        {
            try
            {
                if (expression.EvaluateBoolean(variables))
                {
                    return new HealthResult(status, $"{status}: {expression.Text}");
                }
            }
            catch (CelException ex)
            {
                return HealthResult.InProgress($"failed to evaluate the CEL expression '{expression.Text}': {ex.Reason}");
            }
        }

        return HealthResult.InProgress("no healthCheckExprs expression is true yet");
    }
}
