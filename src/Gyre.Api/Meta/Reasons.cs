namespace Gyre.Api.Meta;

/// <summary>Flux's generic and kustomize-controller condition reasons (fluxcd/pkg apis/meta/conditions.go).</summary>
public static class Reasons
{
    public const string Succeeded = "Succeeded";
    public const string Failed = "Failed";
    public const string Progressing = "Progressing";
    public const string ProgressingWithRetry = "ProgressingWithRetry";
    public const string Suspended = "Suspended";
    public const string DependencyNotReady = "DependencyNotReady";
    public const string InvalidPath = "InvalidPath";
    public const string PruneFailed = "PruneFailed";
    public const string ArtifactFailed = "ArtifactFailed";
    public const string BuildFailed = "BuildFailed";
    public const string HealthCheckFailed = "HealthCheckFailed";
    public const string HealthCheckCanceled = "HealthCheckCanceled";
    public const string ReconciliationSucceeded = "ReconciliationSucceeded";
    public const string ReconciliationFailed = "ReconciliationFailed";
    public const string InvalidSpec = "InvalidSpec";
    public const string AccessDenied = "AccessDenied";
    public const string DecryptionFailed = "DecryptionFailed";
    public const string PostBuildFailed = "PostBuildFailed";

    /// <summary>Gyre's own: the dependsOn graph has a cycle (Flux waits forever instead).</summary>
    public const string DependencyCycle = "DependencyCycle";

    /// <summary>A healthCheckExprs or readyExpr CEL expression does not compile (terminal, as in Flux).</summary>
    public const string InvalidCelExpression = "InvalidCELExpression";

    public const string NewRevision = "NewRevision";
    public const string ArtifactUpToDate = "ArtifactUpToDate";
    public const string GitOperationSucceeded = "GitOperationSucceeded";
    public const string GitOperationFailed = "GitOperationFailed";
    public const string AuthenticationFailed = "AuthenticationFailed";
    public const string UrlInvalid = "URLInvalid";
    public const string StorageOperationFailed = "StorageOperationFailed";
}
