using Gyre.Api.Kustomize;
using Gyre.Api.Meta;
using Gyre.Controllers.Common;
using Gyre.Kube;
using Gyre.Kube.Config;
using Gyre.Manifests;

namespace Gyre.Controllers.Kustomizations;

/// <summary>
/// The cluster and identity a Kustomization applies with: spec.kubeConfig selects a remote cluster from a kubeconfig
/// Secret in the Kustomization's namespace (key "value" or "value.yaml" unless secretRef.key names one), and
/// spec.serviceAccountName (else --default-service-account) impersonates system:serviceaccount:&lt;ns&gt;:&lt;sa&gt; on
/// that cluster, as Flux does. The
/// kubeconfig must be self-contained: exec plugins and file references would run or read things on the controller's
/// host, so they are refused (Flux refuses exec unless --insecure-kubeconfig-exec).
/// </summary>
internal sealed class ApplyTarget : IDisposable
{
    private readonly KubeClient? _remote;
    private readonly KubeClient? _impersonated;

    private ApplyTarget(KubeClient client, KubeClient? remote, KubeClient? impersonated)
    {
        Client = client;
        _remote = remote;
        _impersonated = impersonated;
    }

    public KubeClient Client { get; }

    /// <param name="defaultServiceAccount">--default-service-account: impersonated when spec.serviceAccountName is empty.</param>
    public static Task<ApplyTarget> OpenAsync(
        KubeClient local, KubeObject kustomization, KustomizationSpec spec, string? defaultServiceAccount, CancellationToken cancellationToken) =>
        OpenAsync(local, kustomization.Namespace!, spec.KubeConfig, spec.ServiceAccountName, defaultServiceAccount, cancellationToken);

    /// <summary>The client for an object in <paramref name="ns"/> with these kubeConfig and serviceAccountName fields (HelmRelease too).</summary>
    public static async Task<ApplyTarget> OpenAsync(
        KubeClient local, string ns, KubeConfigReference? kubeConfig, string? serviceAccountName, string? defaultServiceAccount, CancellationToken cancellationToken)
    {
        var remote = kubeConfig is { } reference ? await RemoteAsync(local, ns, reference, cancellationToken).ConfigureAwait(false) : null;
        var cluster = remote ?? local;
        var account = serviceAccountName ?? (string.IsNullOrEmpty(defaultServiceAccount) ? null : defaultServiceAccount);
        var impersonated = account is { } sa ? cluster.Impersonate(KubeImpersonation.ServiceAccount(ns, sa)) : null;
        return new ApplyTarget(impersonated ?? cluster, remote, impersonated);
    }

    /// <summary>True when the client is a remote cluster's (spec.kubeConfig), not the controller's own.</summary>
    public bool IsRemote => _remote is not null;

    private static async Task<KubeClient> RemoteAsync(KubeClient local, string ns, KubeConfigReference reference, CancellationToken cancellationToken)
    {
        var where = $"spec.kubeConfig: Secret '{ns}/{reference.SecretName}'";
        var secret = await ObjectReader.GetAsync(local, "v1", "Secret", ns, reference.SecretName, cancellationToken).ConfigureAwait(false)
            ?? throw new ReconcileStepException(Reasons.ReconciliationFailed, $"{where} not found; create it with the remote cluster's kubeconfig");
        var data = ObjectReader.SecretData(secret);
        var key = reference.Key ?? (data.ContainsKey("value") ? "value" : "value.yaml");
        if (!data.TryGetValue(key, out var bytes))
        {
            throw new ReconcileStepException(Reasons.ReconciliationFailed, $"{where} has no key '{key}'; put the kubeconfig under 'value' or set spec.kubeConfig.secretRef.key");
        }

        try
        {
            var config = KubeconfigLoader.Parse(ObjectReader.Text(bytes), $"Secret {ns}/{reference.SecretName} key {key}");
            if (config.Users.Values.FirstOrDefault(u => u.Exec is not null || u.TokenFile is not null || u.ClientCertificate is not null || u.ClientKey is not null) is { } user
                || config.Clusters.Values.FirstOrDefault(c => c.CertificateAuthority is not null) is { } _)
            {
                throw new ReconcileStepException(Reasons.ReconciliationFailed,
                    $"{where} key '{key}': the kubeconfig refers to files or exec plugins on the controller's host; embed the credentials (*-data fields, token) instead");
            }

            var connection = await KubeconfigResolver.ResolveAsync(config, new KubeContextOverrides(), cancellationToken).ConfigureAwait(false);
            return new KubeClient(connection, new KubeClientOptions(), local.Api.TimeProvider);
        }
        catch (KubeConfigException ex)
        {
            throw new ReconcileStepException(Reasons.ReconciliationFailed, $"{where}: invalid kubeconfig: {ex.Message}", ex);
        }
    }

    public void Dispose()
    {
        _impersonated?.Dispose();
        _remote?.Dispose();
    }
}
