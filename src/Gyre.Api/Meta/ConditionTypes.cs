namespace Gyre.Api.Meta;

/// <summary>Flux's condition types (fluxcd/pkg apis/meta and source-controller api/v1/condition_types.go).</summary>
public static class ConditionTypes
{
    public const string Ready = "Ready";
    public const string Reconciling = "Reconciling";
    public const string Stalled = "Stalled";
    public const string Healthy = "Healthy";
    public const string ArtifactInStorage = "ArtifactInStorage";
    public const string ArtifactOutdated = "ArtifactOutdated";
    public const string SourceVerified = "SourceVerified";
    public const string FetchFailed = "FetchFailed";
    public const string IncludeUnavailable = "IncludeUnavailable";
    public const string StorageOperationFailed = "StorageOperationFailed";
}
