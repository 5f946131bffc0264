namespace Gyre.Sources.Tests;

public sealed class SourceExceptionTests
{
    [Theory]
    [InlineData(SourceReasons.GitOperationFailed, SourceConditions.FetchFailed)]
    [InlineData(SourceReasons.AuthenticationFailed, SourceConditions.FetchFailed)]
    [InlineData(SourceReasons.OciPullFailed, SourceConditions.FetchFailed)]
    [InlineData(SourceReasons.VerificationError, SourceConditions.SourceVerified)]
    [InlineData(SourceReasons.IncludeUnavailable, SourceConditions.IncludeUnavailable)]
    [InlineData(SourceReasons.ArchiveOperationFailed, SourceConditions.StorageOperationFailed)]
    [InlineData(SourceReasons.SymlinkUpdateFailed, SourceConditions.StorageOperationFailed)]
    public void Failures_name_the_condition_source_controller_reports_them_on(string reason, string condition)
    {
        Assert.Equal(condition, new SourceException("loc", "what", "why", reason).ConditionType);
    }

    [Fact]
    public void Message_reads_where_what_why()
    {
        var error = new SourceException("https://example.com/repo.git", "git ls-remote", "not found", SourceReasons.GitOperationFailed);

        Assert.Equal("https://example.com/repo.git: git ls-remote: not found", error.Message);
    }

    [Fact]
    public void Ready_messages_match_source_controller()
    {
        Assert.Equal("stored artifact for revision 'main@sha1:abc'", SourceMessages.GitArtifactStored("main@sha1:abc"));
        Assert.Equal("stored artifact for digest 'v1@sha256:abc'", SourceMessages.OciArtifactStored("v1@sha256:abc"));
        Assert.Equal("stored artifact: revision 'sha256:abc'", SourceMessages.HelmIndexStored("sha256:abc"));
    }
}
