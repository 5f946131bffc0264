namespace Gyre.Sources.Oci;

/// <summary>The OCI annotations `flux push artifact` sets and OCIRepository copies into artifact metadata.</summary>
public static class OciAnnotations
{
    public const string Created = "org.opencontainers.image.created";
    public const string Source = "org.opencontainers.image.source";
    public const string Revision = "org.opencontainers.image.revision";
}
