using System.Text.Json.Nodes;
using Gyre.Manifests;

namespace Gyre.Cli.Up;

/// <summary>
/// One Flux object's status summary: Ready condition, reason and message, revision, and the Kustomization that applied
/// it (from the kustomize.toolkit.fluxcd.io/name|namespace labels), which places it in the tree.
/// </summary>
internal sealed record FluxObjectStatus(ObjectRef Ref, FluxObjectState State, string Reason, string Message, string? Revision, ObjectRef? AppliedBy, ObjectRef? Source)
{
    // Flux reasons that mean an attempt finished and failed; others (DependencyNotReady, ArtifactFailed while a source
    // is still fetching, Progressing) are waits that resolve themselves.
    private static readonly HashSet<string> FailureReasons = new(StringComparer.Ordinal)
    {
        "BuildFailed", "HealthCheckFailed", "ReconciliationFailed", "PruneFailed", "FetchFailed", "GitOperationFailed",
        "AuthenticationFailed", "StorageOperationFailed", "DecryptionFailed", "InstallFailed", "UpgradeFailed",
        "ChartPullFailed", "ValidationFailed", "DependencyCycle", "InvalidSpec", "RetriesExceeded",
    };

    public static FluxObjectStatus From(KubeObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var conditions = (obj.Json["status"]?["conditions"] as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
        JsonObject? Condition(string type) => conditions.FirstOrDefault(c => (string?)c["type"] == type);
        var ready = Condition("Ready");
        var reason = (string?)ready?["reason"] ?? string.Empty;
        var message = (string?)ready?["message"] ?? "waiting for the controller";
        var observed = obj.Json["status"]?["observedGeneration"]?.GetValue<long>() ?? -1;
        var state = (string?)ready?["status"] switch
        {
            _ when obj.Json["spec"]?["suspend"]?.GetValue<bool>() == true => FluxObjectState.Suspended,
            "True" when observed == obj.Generation => FluxObjectState.Ready,
            _ when (string?)Condition("Stalled")?["status"] == "True" => FluxObjectState.Failed,
            "False" when FailureReasons.Contains(reason) => FluxObjectState.Failed,
            _ => FluxObjectState.Progressing,
        };
        var revision = (string?)obj.Json["status"]?["artifact"]?["revision"] ?? (string?)obj.Json["status"]?["lastAppliedRevision"];
        return new FluxObjectStatus(obj.Ref, state, reason, message, revision, AppliedByOf(obj), SourceOf(obj));
    }

    private static ObjectRef? AppliedByOf(KubeObject obj)
    {
        var name = obj.GetLabel("kustomize.toolkit.fluxcd.io/name");
        var ns = obj.GetLabel("kustomize.toolkit.fluxcd.io/namespace");
        return name is null || ns is null ? null : new ObjectRef("kustomize.toolkit.fluxcd.io", "Kustomization", ns, name);
    }

    private static ObjectRef? SourceOf(KubeObject obj)
    {
        var sourceRef = obj.Json["spec"]?["sourceRef"] as JsonObject;
        if (sourceRef is null || (string?)sourceRef["name"] is not { } name)
        {
            return null;
        }

        var kind = (string?)sourceRef["kind"] ?? "GitRepository";
        return new ObjectRef("source.toolkit.fluxcd.io", kind, (string?)sourceRef["namespace"] ?? obj.Namespace ?? string.Empty, name);
    }
}
