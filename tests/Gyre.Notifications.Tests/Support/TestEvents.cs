using Gyre.Notifications.Events;

namespace Gyre.Notifications.Tests.Support;

public static class TestEvents
{
    public static readonly DateTimeOffset Time = new(2026, 12, 7, 10, 30, 15, TimeSpan.Zero);

    public const string Sha = "d3b07384d113edec49eaa6238ad5ff00c6e2bf53";

    /// <summary>kustomize-controller's final success event for podinfo in flux-system, as Flux sends it.</summary>
    public static FluxEvent Succeeded(string? name = null, string severity = EventSeverity.Info, string message = "Reconciliation finished in 1.2s, next run in 10m0s") => new()
    {
        InvolvedObject = new InvolvedObject("Kustomization", "flux-system", name ?? "podinfo", "0c5e7d4e-9c4c-4d2c-9f1e-1a2b3c4d5e6f",
            "kustomize.toolkit.fluxcd.io/v1", "4242"),
        Severity = severity,
        Timestamp = Time,
        Message = message,
        Reason = severity == EventSeverity.Error ? "HealthCheckFailed" : "ReconciliationSucceeded",
        Metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["kustomize.toolkit.fluxcd.io/revision"] = "main@sha1:" + Sha,
            ["kustomize.toolkit.fluxcd.io/commit_status"] = "update",
        },
        ReportingController = "kustomize-controller",
        ReportingInstance = "kustomize-controller-7f9c8d-x2x4z",
    };

    public static FluxEvent Failed() => Succeeded(severity: EventSeverity.Error, message: "health check failed after 30s: Deployment/flux-system/podinfo not ready") with
    {
        Metadata = new Dictionary<string, string>(StringComparer.Ordinal) { ["kustomize.toolkit.fluxcd.io/revision"] = "main@sha1:" + Sha },
    };
}
