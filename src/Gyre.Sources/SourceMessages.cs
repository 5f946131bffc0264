namespace Gyre.Sources;

/// <summary>
/// The Ready condition messages source-controller writes after storing an artifact (also the NewArtifact event
/// text), so `flux get sources` style tooling shows the same words for Gyre objects.
/// </summary>
public static class SourceMessages
{
    /// <summary>GitRepository: <c>stored artifact for revision 'main@sha1:…'</c>.</summary>
    public static string GitArtifactStored(string revision) => $"stored artifact for revision '{revision}'";

    /// <summary>OCIRepository: <c>stored artifact for digest 'v1@sha256:…'</c>.</summary>
    public static string OciArtifactStored(string revision) => $"stored artifact for digest '{revision}'";

    /// <summary>HelmRepository: <c>stored artifact: revision 'sha256:…'</c>.</summary>
    public static string HelmIndexStored(string revision) => $"stored artifact: revision '{revision}'";
}
