namespace Gyre.Sources;

/// <summary>Condition reasons as source-controller reports them (api/v1/condition_types.go, fluxcd/pkg apis/meta).</summary>
public static class SourceReasons
{
    public const string Succeeded = "Succeeded";
    public const string Failed = "Failed";
    public const string Progressing = "Progressing";
    public const string ProgressingWithRetry = "ProgressingWithRetry";
    public const string NewRevision = "NewRevision";
    public const string ArtifactUpToDate = "ArtifactUpToDate";
    public const string UrlInvalid = "URLInvalid";
    public const string InsecureConnectionsDisallowed = "InsecureConnectionsDisallowed";
    public const string AuthenticationFailed = "AuthenticationFailed";
    public const string VerificationError = "VerificationError";
    public const string GitOperationSucceeded = "GitOperationSucceeded";
    public const string GitOperationFailed = "GitOperationFailed";
    public const string OciPullFailed = "OCIArtifactPullFailed";
    public const string OciLayerOperationFailed = "OCIArtifactLayerOperationFailed";
    public const string IndexationFailed = "IndexationFailed";
    public const string DirectoryCreationFailed = "DirectoryCreationFailed";
    public const string StatOperationFailed = "StatOperationFailed";
    public const string ReadOperationFailed = "ReadOperationFailed";
    public const string ArchiveOperationFailed = "ArchiveOperationFailed";
    public const string SymlinkUpdateFailed = "SymlinkUpdateFailed";
    public const string InvalidPath = "InvalidPath";

    /// <summary>A Bucket's listing and downloads succeeded / failed (source-controller api/v1 bucket_types.go).</summary>
    public const string BucketOperationSucceeded = "BucketOperationSucceeded";

    public const string BucketOperationFailed = "BucketOperationFailed";

    /// <summary>An included GitRepository has no artifact, or fromPath/toPath do not fit (IncludeUnavailable condition).</summary>
    public const string IncludeUnavailable = "IncludeUnavailable";
}
