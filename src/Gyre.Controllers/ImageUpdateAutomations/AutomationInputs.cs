using System.Text.Json.Nodes;
using Gyre.Api;
using Gyre.Api.Image;
using Gyre.Api.Source;
using Gyre.Controllers.Common;
using Gyre.ImageAutomation;
using Gyre.ImageAutomation.Git;
using Gyre.ImageAutomation.Setters;
using Gyre.Kube;
using Gyre.Kube.Dynamic;
using Gyre.Manifests;
using Gyre.Sources.Git;

namespace Gyre.Controllers.ImageUpdateAutomations;

/// <summary>
/// Everything a run reads besides the automation's spec, as image-automation-controller does: the GitRepository
/// (url, ref, secretRef, proxySecretRef, timeout), the signing key Secret, and the selected ImagePolicies that have a
/// status.latestRef.
/// </summary>
internal sealed class AutomationInputs(KubeClient client, bool noCrossNamespaceRefs, bool allowInsecureHttp)
{
    private const string ImageApiVersion = "image.toolkit.fluxcd.io/v1";

    public async Task<AutomationRunRequest> ReadAsync(KubeObject obj, ImageUpdateAutomationSpec spec, CancellationToken cancellationToken)
    {
        var sourceNamespace = spec.SourceNamespace ?? obj.Namespace!;
        CrossNamespaceRefs.Check(noCrossNamespaceRefs, obj, GitRepositorySpec.Kind, sourceNamespace, spec.SourceName);
        var repository = await ObjectReader.GetAsync(client, "source.toolkit.fluxcd.io/v1", GitRepositorySpec.Kind, sourceNamespace, spec.SourceName, cancellationToken)
            .ConfigureAwait(false) ?? throw new ImageAutomationException($"GitRepository/{sourceNamespace}/{spec.SourceName}", "reading spec.sourceRef",
                "not found; create the GitRepository or fix spec.sourceRef", ImageAutomationReasons.InvalidSourceConfiguration, isTransient: true);
        GitRepositorySpec source;
        try
        {
            source = GitRepositorySpec.From(repository);
        }
        catch (ApiException ex)
        {
            throw new ImageAutomationException($"GitRepository/{sourceNamespace}/{spec.SourceName}", "reading the source", ex.Message,
                ImageAutomationReasons.InvalidSourceConfiguration, isTransient: true, inner: ex);
        }

        var git = new AutomationGitRequest
        {
            Url = source.Url,
            Checkout = Checkout(spec.CheckoutRef) ?? Checkout(new GitCheckoutRef(source.Branch, source.Tag, source.Semver, source.RefName, source.Commit))
                ?? GitReference.Default,
            PushBranch = spec.PushBranch,
            PushRefspec = spec.PushRefspec,
            PushOptions = spec.PushOptions,
            Credentials = source.SecretRef is { } auth ? GitCredentials.FromSecret(await SecretAsync(sourceNamespace, auth, "the GitRepository's spec.secretRef", cancellationToken).ConfigureAwait(false)) : null,
            Proxy = source.ProxySecretRef is { } proxy ? GitProxy.FromSecret(await SecretAsync(sourceNamespace, proxy, "the GitRepository's spec.proxySecretRef", cancellationToken).ConfigureAwait(false)) : null,
            Timeout = source.Timeout,
            AllowInsecureHttp = allowInsecureHttp,
        };
        var signing = spec.SigningKeySecret is { } keyName ? await SecretAsync(obj.Namespace!, keyName, "spec.git.commit.signingKey.secretRef", cancellationToken).ConfigureAwait(false) : null;
        if (signing is not null && !signing.ContainsKey("git.asc"))
        {
            throw new ImageAutomationException($"Secret/{obj.Namespace}/{spec.SigningKeySecret}", "reading the signing key", "the Secret has no 'git.asc' key (an armored OpenPGP private key)",
                ImageAutomationReasons.InvalidSourceConfiguration, isTransient: true);
        }

        return new AutomationRunRequest
        {
            AutomationNamespace = obj.Namespace!,
            AutomationName = obj.Name,
            Git = git,
            UpdatePath = spec.UpdatePath,
            Policies = await PoliciesAsync(obj.Namespace!, spec.PolicySelector, cancellationToken).ConfigureAwait(false),
            AuthorName = spec.AuthorName,
            AuthorEmail = spec.AuthorEmail,
            MessageTemplate = spec.MessageTemplate,
            MessageTemplateValues = spec.MessageTemplateValues,
            SigningKey = signing?["git.asc"],
            SigningPassphrase = signing?.TryGetValue("passphrase", out var p) == true ? ObjectReader.Text(p) : null,
        };
    }

    private async Task<IReadOnlyCollection<LatestImage>> PoliciesAsync(string ns, JsonObject? selector, CancellationToken cancellationToken)
    {
        var query = PolicySelector.ToQuery(selector);
        var resource = await client.ForKindAsync(ImageApiVersion, "ImagePolicy", cancellationToken).ConfigureAwait(false);
        var list = await resource.ListAsync(ns, new ListOptions { LabelSelector = query.Length == 0 ? null : query }, cancellationToken).ConfigureAwait(false);
        var policies = new List<LatestImage>();
        foreach (var item in list.Items)
        {
            var policy = new KubeObject(item);
            if (policy.Json["status"]?["latestRef"] is JsonObject latest && (string?)latest["name"] is { Length: > 0 } name && (string?)latest["tag"] is { Length: > 0 } tag)
            {
                policies.Add(new LatestImage(ns, policy.Name, name, tag, (string?)latest["digest"]));
            }
        }

        return policies;
    }

    private async Task<IReadOnlyDictionary<string, byte[]>> SecretAsync(string ns, string name, string field, CancellationToken cancellationToken)
    {
        var secret = await ObjectReader.GetAsync(client, "v1", "Secret", ns, name, cancellationToken).ConfigureAwait(false)
            ?? throw new ImageAutomationException($"Secret/{ns}/{name}", $"reading {field}", "not found; create it", ImageAutomationReasons.InvalidSourceConfiguration,
                isTransient: true);
        return ObjectReader.SecretData(secret);
    }

    private static GitReference? Checkout(GitCheckoutRef? reference) =>
        reference is null || reference is { Branch: null, Tag: null, Semver: null, Name: null, Commit: null }
            ? null
            : new GitReference { Branch = reference.Branch, Tag = reference.Tag, Semver = reference.Semver, Name = reference.Name, Commit = reference.Commit };
}
