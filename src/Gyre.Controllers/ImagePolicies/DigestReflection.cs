using Gyre.Api.Image;
using Gyre.Controllers.OciRepositories;
using Gyre.Images;
using Gyre.Images.Scanning;
using Gyre.Manifests;
using Gyre.Sources;

namespace Gyre.Controllers.ImagePolicies;

/// <summary>
/// spec.digestReflectionPolicy: Never leaves latestRef.digest empty; IfNotPresent keeps the digest already in status
/// for the same image and tag; Always resolves it on every reconcile. Resolving is one manifest HEAD with the
/// ImageRepository's own registry settings (its Secrets, CA, proxy, insecure and timeout).
/// </summary>
internal sealed class DigestReflection(OciClientSettings settings)
{
    public async Task<string?> DigestAsync(
        ImagePolicySpec policy, KubeObject repository, ImageRepositorySpec repositorySpec, string tag, LatestRef? previous, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(repositorySpec);
        if (policy.DigestReflectionPolicy == "Never")
        {
            return null;
        }

        if (policy.DigestReflectionPolicy == "IfNotPresent" && previous is { Digest: { } known } && previous.Name == repositorySpec.Image && previous.Tag == tag)
        {
            return known;
        }

        var image = ImageName.Parse(repositorySpec.Image);
        try
        {
            var access = new RegistryAccess(repositorySpec.SecretRef, repositorySpec.ServiceAccountName, repositorySpec.CertSecretRef,
                repositorySpec.ProxySecretRef, repositorySpec.Insecure, repositorySpec.Timeout);
            var options = await settings.ReadAsync(repository, access, image.Registry, cancellationToken).ConfigureAwait(false);
            return await TagScanner.ResolveDigestAsync(image, tag, options, cancellationToken).ConfigureAwait(false);
        }
        catch (SourceException ex)
        {
            throw new ImageException(image.Canonical, "failed to configure authentication options", ex.Message, ImageReasons.AuthenticationFailed, inner: ex);
        }
    }
}
