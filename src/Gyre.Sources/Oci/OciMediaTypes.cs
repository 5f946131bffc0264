namespace Gyre.Sources.Oci;

/// <summary>Media types of OCI manifests and of Flux artifacts (fluxcd/pkg/oci).</summary>
public static class OciMediaTypes
{
    public const string ImageManifest = "application/vnd.oci.image.manifest.v1+json";
    public const string ImageIndex = "application/vnd.oci.image.index.v1+json";
    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";
    public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";
    public const string FluxConfig = "application/vnd.cncf.flux.config.v1+json";
    public const string FluxContent = "application/vnd.cncf.flux.content.v1.tar+gzip";
    public const string ImageLayerGzip = "application/vnd.oci.image.layer.v1.tar+gzip";
    public const string DockerLayerGzip = "application/vnd.docker.image.rootfs.diff.tar.gzip";

    /// <summary>Accept header for manifest requests: every manifest kind we can read.</summary>
    public static readonly string[] Manifests = [ImageManifest, ImageIndex, DockerManifest, DockerManifestList];
}
