using Gyre.Apply.Health;
using Gyre.Cel;
using Gyre.Manifests;

namespace Gyre.Apply.Tests;

/// <summary>healthCheckExprs as Flux documents them: inProgress, failed, current in that order; none true is InProgress.</summary>
public sealed class CelHealthCheckTests
{
    private static readonly CelHealthCheck Certificate = CelHealthCheck.Compile(
        "cert-manager.io/v1",
        "Certificate",
        current: "status.conditions.filter(e, e.type == 'Ready').all(e, e.status == 'True')",
        inProgress: "status.conditions.exists(e, e.type == 'Issuing' && e.status == 'True')",
        failed: "status.conditions.filter(e, e.type == 'Ready').all(e, e.status == 'False')");

    [Theory]
    [InlineData("[{type: Ready, status: 'True'}]", HealthStatus.Current)]
    [InlineData("[{type: Ready, status: 'False'}]", HealthStatus.Failed)]
    [InlineData("[{type: Ready, status: 'True'}, {type: Issuing, status: 'True'}]", HealthStatus.InProgress)]
    [InlineData("[{type: Ready, status: Unknown}]", HealthStatus.InProgress)]
    public void The_first_true_expression_in_Flux_order_decides(string conditions, HealthStatus expected)
    {
        var cert = Object($"apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {{name: web, generation: 1}}\nstatus:\n  conditions: {conditions}\n");

        Assert.Equal(expected, Certificate.Evaluate(cert).Status);
    }

    [Fact]
    public void A_missing_field_keeps_the_object_in_progress_and_says_why()
    {
        var result = Certificate.Evaluate(Object("apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: web}\n"));

        Assert.Equal(HealthStatus.InProgress, result.Status);
        Assert.Contains("failed to evaluate the CEL expression", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_outdated_observedGeneration_is_in_progress_before_any_expression_runs()
    {
        var cert = Object("apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: web, generation: 3}\nstatus: {observedGeneration: 2, conditions: [{type: Ready, status: 'True'}]}\n");

        Assert.Equal(HealthStatus.InProgress, Certificate.Evaluate(cert).Status);
    }

    [Fact]
    public void Matching_is_by_group_and_kind_whatever_the_version()
    {
        Assert.True(Certificate.Matches(Object("apiVersion: cert-manager.io/v1beta1\nkind: Certificate\nmetadata: {name: a}\n")));
        Assert.False(Certificate.Matches(Object("apiVersion: other.io/v1\nkind: Certificate\nmetadata: {name: a}\n")));
    }

    [Fact]
    public void An_expression_that_does_not_compile_is_rejected_with_its_column()
    {
        var ex = Assert.Throws<CelException>(() => CelHealthCheck.Compile("example.com/v1", "Thing", "status.phase == ", null, null));

        Assert.True(ex.Column > 0);
    }

    private static KubeObject Object(string yaml) => KubeObject.Parse(yaml);
}
