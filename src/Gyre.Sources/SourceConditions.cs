namespace Gyre.Sources;

/// <summary>Condition types source-controller sets on GitRepository, OCIRepository and HelmRepository.</summary>
public static class SourceConditions
{
    public const string Ready = "Ready";
    public const string Reconciling = "Reconciling";
    public const string Stalled = "Stalled";
    public const string FetchFailed = "FetchFailed";
    public const string ArtifactInStorage = "ArtifactInStorage";
    public const string ArtifactOutdated = "ArtifactOutdated";
    public const string SourceVerified = "SourceVerified";
    public const string IncludeUnavailable = "IncludeUnavailable";
    public const string StorageOperationFailed = "StorageOperationFailed";
}
