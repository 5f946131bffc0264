using Gyre.Api.Meta;
using Gyre.Api.Source;
using Gyre.Controllers.Common;
using Gyre.Kube;
using Gyre.Manifests;
using Gyre.Sources;
using Gyre.Sources.Git;

namespace Gyre.Controllers.GitRepositories;

/// <summary>
/// What a GitRepository reconcile reads besides its spec, as source-controller does: the auth Secret (secretRef),
/// the proxy Secret (proxySecretRef), the trusted keys (verify.secretRef), and the current artifacts of the
/// GitRepositories named in spec.include (same namespace; none yet means IncludeUnavailable).
/// </summary>
internal sealed class GitRepositoryInputs(KubeClient client)
{
    private const string ApiVersion = "source.toolkit.fluxcd.io/v1";

    public async Task<GitRepositoryRequest> ApplyAsync(GitRepositoryRequest request, KubeObject obj, GitRepositorySpec spec, CancellationToken cancellationToken)
    {
        var credentials = spec.SecretRef is { } auth
            ? GitCredentials.FromSecret(await DataAsync(obj, auth, "spec.secretRef", cancellationToken).ConfigureAwait(false))
            : null;
        var proxy = spec.ProxySecretRef is { } proxyName
            ? GitProxy.FromSecret(await DataAsync(obj, proxyName, "spec.proxySecretRef", cancellationToken).ConfigureAwait(false))
            : null;
        var verify = spec.VerifySecretRef is { } keys
            ? new GitVerification { Mode = spec.VerifyMode ?? "HEAD", Keys = await DataAsync(obj, keys, "spec.verify.secretRef", cancellationToken).ConfigureAwait(false) }
            : null;
        var include = new List<GitInclude>();
        foreach (var entry in spec.Include)
        {
            var included = await ObjectReader.GetAsync(client, ApiVersion, GitRepositorySpec.Kind, obj.Namespace, entry.Repository, cancellationToken).ConfigureAwait(false);
            var artifact = ArtifactStatus.FromJson(included?.Json["status"]?["artifact"]);
            include.Add(new GitInclude
            {
                RepositoryName = entry.Repository,
                Artifact = artifact is null ? null : GitRepositoryReconciler.ToArtifact(artifact),
                FromPath = entry.FromPath,
                ToPath = entry.ToPath,
            });
        }

        return request with { Credentials = credentials, Proxy = proxy, Verify = verify, Include = include };
    }

    private async Task<IReadOnlyDictionary<string, byte[]>> DataAsync(KubeObject obj, string name, string field, CancellationToken cancellationToken)
    {
        var secret = await ObjectReader.GetAsync(client, "v1", "Secret", obj.Namespace, name, cancellationToken).ConfigureAwait(false)
            ?? throw new SourceException($"GitRepository/{obj.Namespace}/{obj.Name}", $"reading {field}",
                $"Secret '{name}' not found; create it in namespace '{obj.Namespace}'", Reasons.AuthenticationFailed, isTransient: true);
        return ObjectReader.SecretData(secret);
    }
}
