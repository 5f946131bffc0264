using Gyre.Manifests;

namespace Gyre.Controllers.HelmReleases;

/// <summary>One document of a release manifest: the template it came from and the object.</summary>
internal sealed record ManifestDocument(string Source, KubeObject Object);
