using System.Text.Json.Nodes;
using Gyre.Api.Meta;
using Gyre.Controllers.Kustomizations;
using Gyre.Helm.Storage;
using Gyre.Manifests;

namespace Gyre.Controllers.HelmReleases;

/// <summary>
/// Helm's ownership metadata (label app.kubernetes.io/managed-by=Helm, annotations meta.helm.sh/release-name and
/// release-namespace): written on every release object as Helm does, and checked before an install or upgrade
/// touches an object that already exists outside the release. Existing objects are adopted (Helm 3.17+'s take
/// ownership, Flux's default); with install/upgrade.disableTakeOwnership the action fails naming the object, as Helm.
/// </summary>
internal static class ReleaseOwnership
{
    public const string ManagedByLabel = "app.kubernetes.io/managed-by";
    public const string ReleaseNameAnnotation = "meta.helm.sh/release-name";
    public const string ReleaseNamespaceAnnotation = "meta.helm.sh/release-namespace";

    /// <summary>The object with this release's ownership metadata.</summary>
    public static KubeObject Mark(KubeObject obj, string releaseName, string releaseNamespace)
    {
        var json = (JsonObject)obj.Json.DeepClone();
        var metadata = json["metadata"] as JsonObject ?? (JsonObject)(json["metadata"] = new JsonObject());
        var labels = metadata["labels"] as JsonObject ?? (JsonObject)(metadata["labels"] = new JsonObject());
        var annotations = metadata["annotations"] as JsonObject ?? (JsonObject)(metadata["annotations"] = new JsonObject());
        labels[ManagedByLabel] = "Helm";
        annotations[ReleaseNameAnnotation] = releaseName;
        annotations[ReleaseNamespaceAnnotation] = releaseNamespace;
        return new KubeObject(json);
    }

    /// <summary>
    /// With take-ownership disabled, fails when an object the action would write exists, was not in the previous
    /// revision, and lacks this release's ownership metadata (Helm's existingResourceConflict).
    /// </summary>
    public static async Task CheckAsync(
        ReleaseApplier applier, IReadOnlyList<KubeObject> objects, Release? previous, string releaseName, string releaseNamespace, bool upgrade, CancellationToken cancellationToken)
    {
        var known = previous is null
            ? []
            : (await applier.ResolveAsync(ReleaseManifest.Parse(previous.Manifest).Select(d => d.Object), previous.Namespace, cancellationToken).ConfigureAwait(false))
                .Select(o => o.Ref).ToHashSet();
        foreach (var obj in objects.Where(o => !known.Contains(o.Ref)))
        {
            var resource = await applier.RequireAsync(obj, cancellationToken).ConfigureAwait(false);
            var live = await ServerSideApplier.GetAsync(resource, resource.Resource.Namespaced ? obj.Namespace : null, obj.Name, cancellationToken).ConfigureAwait(false);
            if (live is null || Problems(new KubeObject(live), releaseName, releaseNamespace) is not { Count: > 0 } problems)
            {
                continue;
            }

            var prefix = upgrade ? "Unable to continue with update" : "rendered manifests contain a resource that already exists. Unable to continue with install";
            throw new ReconcileStepException(Reasons.ReconciliationFailed,
                $"{prefix}: {obj.Kind} \"{obj.Name}\" in namespace \"{obj.Namespace}\" exists and cannot be imported into the current release: invalid ownership metadata; "
                + string.Join("; ", problems));
        }
    }

    private static List<string> Problems(KubeObject live, string releaseName, string releaseNamespace)
    {
        var problems = new List<string>();
        Require(problems, "label", ManagedByLabel, live.GetLabel(ManagedByLabel), "Helm");
        Require(problems, "annotation", ReleaseNameAnnotation, live.GetAnnotation(ReleaseNameAnnotation), releaseName);
        Require(problems, "annotation", ReleaseNamespaceAnnotation, live.GetAnnotation(ReleaseNamespaceAnnotation), releaseNamespace);
        return problems;
    }

    private static void Require(List<string> problems, string what, string key, string? actual, string expected)
    {
        if (actual is null)
        {
            problems.Add($"{what} validation error: missing key \"{key}\": must be set to \"{expected}\"");
        }
        else if (actual != expected)
        {
            problems.Add($"{what} validation error: key \"{key}\" must equal \"{expected}\": current value is \"{actual}\"");
        }
    }
}
