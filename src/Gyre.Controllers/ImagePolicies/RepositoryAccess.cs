using Gyre.Api.Image;
using Gyre.Controllers.Common;
using Gyre.Images;
using Gyre.Kube;
using Gyre.Manifests;

namespace Gyre.Controllers.ImagePolicies;

/// <summary>
/// Which ImageRepository an ImagePolicy may read (fluxcd/pkg runtime/acl): its own namespace always; another
/// namespace only when --no-cross-namespace-refs is off and the repository's spec.accessFrom.namespaceSelectors
/// match the labels of the policy's namespace (an empty matchLabels matches every namespace).
/// </summary>
internal sealed class RepositoryAccess(KubeClient client, bool noCrossNamespaceRefs)
{
    /// <summary>Throws an <see cref="ImageException"/> (AccessDenied; Field set when only a flag change can help) when refused.</summary>
    public async Task CheckAsync(KubeObject policy, string ns, string name, ImageRepositorySpec? repository, CancellationToken cancellationToken)
    {
        var reference = $"{ImageRepositorySpec.Kind}/{ns}/{name}";
        var where = $"{ImagePolicySpec.Kind}/{policy.Namespace}/{policy.Name}";
        if (ns == policy.Namespace)
        {
            return;
        }

        if (noCrossNamespaceRefs)
        {
            throw new ImageException(where, "access denied", $"cannot access '{reference}', cross-namespace references have been blocked; " +
                $"move the ImageRepository into namespace '{policy.Namespace}'", ImageReasons.AccessDenied, "spec.imageRepositoryRef.namespace");
        }

        if (repository?.AccessFrom is not { } selectors)
        {
            throw new ImageException(where, "access denied", $"'{reference}' can't be accessed due to missing ACL labels on 'accessFrom'",
                ImageReasons.AccessDenied);
        }

        var namespaceObject = await ObjectReader.GetAsync(client, "v1", "Namespace", null, policy.Namespace!, cancellationToken).ConfigureAwait(false);
        IReadOnlyDictionary<string, string> labels = namespaceObject?.Labels ?? new Dictionary<string, string>();
        if (!selectors.Any(selector => selector.All(l => labels.TryGetValue(l.Key, out var value) && value == l.Value)))
        {
            throw new ImageException(where, "access denied", $"'{reference}' can't be accessed due to ACL labels mismatch on namespace '{policy.Namespace}'",
                ImageReasons.AccessDenied);
        }
    }
}
