using Gyre.Api;
using Gyre.Api.Image;
using Gyre.Api.Meta;
using Gyre.Controllers.Common;
using Gyre.Controllers.ImageRepositories;
using Gyre.Images;
using Gyre.Images.Policies;
using Gyre.Images.Scanning;
using Gyre.Kube;
using Gyre.Kube.Dynamic;
using Gyre.Manifests;
using Gyre.Runtime.Reconcile;

namespace Gyre.Controllers.ImagePolicies;

/// <summary>
/// image-reflector-controller's ImagePolicy reconcile: finalizer → suspend → spec (interval only with Always) →
/// the ImageRepository (same namespace or allowed by accessFrom; DependencyNotReady until it has scanned) → the
/// selection rules over its stored tags → the digest per digestReflectionPolicy → status.latestRef, observedPreviousRef
/// when it changed, and Ready "Latest image tag for 'X' resolved to T" or "... updated from A to B".
/// </summary>
internal sealed class ImagePolicyReconciler(
    KubeClient client, TagStore store, RepositoryAccess access, DigestReflection digests, ImageStatus status) : IReconciler
{
    public async Task<ReconcileResult> ReconcileAsync(ReconcileRequest request, CancellationToken cancellationToken)
    {
        if (await ImageObject.PrepareAsync(client, ImagePolicySpec.ApiVersion, ImagePolicySpec.Kind, request, null, cancellationToken).ConfigureAwait(false)
            is not { } prepared)
        {
            return ReconcileResult.Done;
        }

        var (resource, obj) = prepared;

        var spec = await ReadSpecAsync(resource, obj, cancellationToken).ConfigureAwait(false);
        if (spec.Suspend)
        {
            return ReconcileResult.Done;
        }

        var ns = spec.RepositoryNamespace ?? obj.Namespace!;
        var repository = await ObjectReader.GetAsync(client, ImageRepositorySpec.ApiVersion, ImageRepositorySpec.Kind, ns, spec.RepositoryName, cancellationToken)
            .ConfigureAwait(false);
        ImageRepositorySpec? repositorySpec = null;
        try
        {
            repositorySpec = repository is null ? null : ImageRepositorySpec.From(repository);
            await access.CheckAsync(obj, ns, spec.RepositoryName, repositorySpec, cancellationToken).ConfigureAwait(false);
        }
        catch (ImageException ex)
        {
            throw await FailAsync(resource, obj, ex.Reason, ex.Message, ex.Field is not null, ex, cancellationToken).ConfigureAwait(false);
        }
        catch (ApiException ex)
        {
            throw await FailAsync(resource, obj, ImageReasons.DependencyNotReady, ex.Message, false, ex, cancellationToken).ConfigureAwait(false);
        }

        if (repository is null || repositorySpec is null)
        {
            throw await FailAsync(resource, obj, ImageReasons.DependencyNotReady,
                $"failed to get the referred ImageRepository: referenced ImageRepository '{ns}/{spec.RepositoryName}' does not exist", false, null, cancellationToken)
                .ConfigureAwait(false);
        }

        if (repository.Json["status"]?["lastScanResult"] is null)
        {
            // The repository's first scan wakes this policy (ImagePolicyTriggers), so there is nothing to retry.
            await FailAsync(resource, obj, ImageReasons.DependencyNotReady, "referenced ImageRepository has not been scanned yet", false, null, cancellationToken)
                .ConfigureAwait(false);
            return ReconcileResult.Done;
        }

        // Scanned, but the tag store has nothing (its files were removed): the repository rescans, this policy retries.
        var tags = store.Get(ns, spec.RepositoryName)
            ?? throw await FailAsync(resource, obj, ImageReasons.DependencyNotReady, "no tags in database", false, null, cancellationToken).ConfigureAwait(false);

        return await SelectAsync(resource, obj, spec, repository, repositorySpec, tags, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ReconcileResult> SelectAsync(ResourceClient resource, KubeObject obj, ImagePolicySpec spec, KubeObject repository,
        ImageRepositorySpec repositorySpec, IReadOnlyList<string> tags, CancellationToken cancellationToken)
    {
        var where = $"{ImagePolicySpec.Kind}/{obj.Namespace}/{obj.Name}";
        var previous = LatestRef.FromJson(obj.Json["status"]?["latestRef"]);
        LatestRef latest;
        try
        {
            var selector = TagSelector.Create(new PolicyChoice
            {
                SemverRange = spec.SemverRange, Alphabetical = spec.Alphabetical, Numerical = spec.Numerical,
                FilterPattern = spec.FilterPattern, FilterExtract = spec.FilterExtract,
            }, where);
            var tag = selector.Latest(tags, repositorySpec.Image, where);
            latest = new LatestRef(repositorySpec.Image, tag,
                await digests.DigestAsync(spec, repository, repositorySpec, tag, previous, cancellationToken).ConfigureAwait(false));
        }
        catch (ImageException ex) when (ex.Field is null && ex.Reason == ImageReasons.ReadOperationFailed && ex.InnerException is null)
        {
            // No tag qualifies: only a new scan can change that, and a new scan wakes this policy.
            await FailAsync(resource, obj, ex.Reason, ex.Message, false, ex, cancellationToken).ConfigureAwait(false);
            return Next(spec);
        }
        catch (ImageException ex)
        {
            throw await FailAsync(resource, obj, ex.Reason, ex.Message, ex.Field is not null, ex, cancellationToken).ConfigureAwait(false);
        }

        var observedPrevious = previous is not null && previous != latest ? previous : LatestRef.FromJson(obj.Json["status"]?["observedPreviousRef"]);
        var message = observedPrevious is not null && observedPrevious.Tag != latest.Tag
            ? $"Latest image tag for '{latest.Name}' updated from {observedPrevious.Tag} to {latest.Tag}"
            : $"Latest image tag for '{latest.Name}' resolved to {latest.Tag}";
        await status.SucceededAsync(resource, obj, message, s =>
        {
            s["latestRef"] = latest.ToJson();
            if (observedPrevious is not null)
            {
                s["observedPreviousRef"] = observedPrevious.ToJson();
            }
        }, cancellationToken).ConfigureAwait(false);
        return Next(spec);
    }

    private static ReconcileResult Next(ImagePolicySpec spec) =>
        spec.DigestReflectionPolicy == "Always" && spec.Interval is { } interval ? ReconcileResult.Requeue(interval) : ReconcileResult.Done;

    /// <summary>The spec, with Flux's CEL rules on interval checked here too: interval only with Always, and Always needs one.</summary>
    private async Task<ImagePolicySpec> ReadSpecAsync(ResourceClient resource, KubeObject obj, CancellationToken cancellationToken)
    {
        var where = $"{ImagePolicySpec.Kind}/{obj.Namespace}/{obj.Name}";
        try
        {
            var spec = ImagePolicySpec.From(obj);
            return spec.DigestReflectionPolicy == "Always" && spec.Interval is null
                ? throw new ImageException(where, "spec.interval", "must be set when spec.digestReflectionPolicy is Always", ImageReasons.IntervalNotConfigured, "spec.interval")
                : spec.DigestReflectionPolicy != "Always" && spec.Interval is not null
                    ? throw new ImageException(where, "spec.interval", "is only allowed when spec.digestReflectionPolicy is Always", Reasons.InvalidSpec, "spec.interval")
                    : spec;
        }
        catch (ApiException ex)
        {
            throw await FailAsync(resource, obj, Reasons.InvalidSpec, ex.Message, true, ex, cancellationToken).ConfigureAwait(false);
        }
        catch (ImageException ex)
        {
            throw await FailAsync(resource, obj, ex.Reason, ex.Message, true, ex, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A failed evaluation drops latestRef, as Flux clears the last result before evaluating.</summary>
    private Task<Exception> FailAsync(ResourceClient resource, KubeObject obj, string reason, string message, bool stalled, Exception? cause, CancellationToken cancellationToken) =>
        status.FailedAsync(resource, obj, reason, message, stalled, cause, cancellationToken, s => s.Remove("latestRef"));
}
