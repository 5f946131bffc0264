using Gyre.Api.Helm;
using Gyre.Api.Meta;
using Gyre.Apply.Diff;
using Gyre.Controllers.Kustomizations;
using Gyre.Helm.Storage;
using Gyre.Manifests;

namespace Gyre.Controllers.HelmReleases;

/// <summary>
/// helm-controller's drift detection for an in-sync release (spec.driftDetection): each object of the stored manifest
/// is dry-run applied and compared with the cluster; a missing object or a field the dry-run would change is drift.
/// <c>warn</c> reports it (DriftDetected warning event, Drifted condition); <c>enabled</c> also applies the drifted
/// objects again (DriftCorrected event) without a Helm upgrade. Objects annotated or labelled
/// <c>helm.toolkit.fluxcd.io/driftDetection: disabled</c> are skipped; ignore rules leave their paths to the cluster.
/// </summary>
internal sealed class ReleaseDrift(ReleaseApplier applier)
{
    public const string Drifted = "Drifted";
    public const string DriftDetected = "DriftDetected";
    public const string NoDriftDetected = "NoDriftDetected";
    public const string DriftCorrected = "DriftCorrected";
    public const string DriftCorrectionFailed = "DriftCorrectionFailed";
    private const string OptOut = "helm.toolkit.fluxcd.io/driftDetection";

    public async Task CheckAsync(Release release, HelmReleaseSpec spec, HelmReleaseStatus status, CancellationToken cancellationToken)
    {
        var mode = spec.DriftDetection.Mode;
        if (mode == DriftDetection.Disabled)
        {
            status.Conditions.Remove(Drifted);
            return;
        }

        var name = $"{release.Namespace}/{release.Name}.v{release.Version}";
        var ignore = new IgnoreRules(spec.DriftDetection.Ignore, "spec.driftDetection.ignore");
        var drifted = await DetectAsync(release, ignore, cancellationToken).ConfigureAwait(false);
        if (drifted.Count == 0)
        {
            status.Mark(Drifted, false, NoDriftDetected, $"No drift detected for release {name}");
            return;
        }

        var summary = string.Join('\n', drifted.Select(d => d.Fields is null ? $"{d.Desired.Ref} removed" : $"{d.Desired.Ref} changed ({string.Join(", ", d.Fields)})"));
        var message = $"Cluster state of release {name} has drifted from the desired state:\n{summary}";
        status.Notes.Add((true, DriftDetected, message));
        if (mode != DriftDetection.Enabled)
        {
            status.Mark(Drifted, true, DriftDetected, message);
            return;
        }

        var corrected = new List<string>();
        try
        {
            foreach (var (desired, fields) in drifted)
            {
                var resource = await applier.RequireAsync(desired, cancellationToken).ConfigureAwait(false);
                await ReleaseApplier.WriteAsync(resource, desired, force: false, cancellationToken).ConfigureAwait(false);
                corrected.Add(new ChangeSetEntry(desired.Ref, desired.Version, fields is null ? ApplyAction.Created : ApplyAction.Configured) { Fields = fields ?? [] }.ToString());
            }
        }
        catch (ReconcileStepException ex)
        {
            var failed = $"Failed to {(corrected.Count > 0 ? "partially " : string.Empty)}correct cluster state of release {name}:\n{ex.Message}"
                + (corrected.Count > 0 ? "\n\nSuccessful corrections:\n" + string.Join('\n', corrected) : string.Empty);
            status.Notes.Add((true, DriftCorrectionFailed, failed));
            status.Mark(Drifted, true, DriftDetected, message);
            return;
        }

        var done = $"Cluster state of release {name} has been corrected:\n{string.Join('\n', corrected)}";
        status.Notes.Add((false, DriftCorrected, done));
        status.Mark(Drifted, false, NoDriftDetected, done);
    }

    /// <summary>The drifted objects: Fields null when the object is missing, else the fields the dry-run would change.</summary>
    private async Task<IReadOnlyList<(KubeObject Desired, IReadOnlyList<string>? Fields)>> DetectAsync(Release release, IgnoreRules ignore, CancellationToken cancellationToken)
    {
        var objects = await applier.ResolveAsync(ReleaseManifest.Parse(release.Manifest).Select(d => d.Object), release.Namespace, cancellationToken).ConfigureAwait(false);
        var drifted = new List<(KubeObject, IReadOnlyList<string>?)>();
        foreach (var obj in objects)
        {
            if (string.Equals(obj.GetAnnotation(OptOut) ?? obj.GetLabel(OptOut), "disabled", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var resource = await applier.RequireAsync(obj, cancellationToken).ConfigureAwait(false);
            var live = await ServerSideApplier.GetAsync(resource, resource.Resource.Namespaced ? obj.Namespace : null, obj.Name, cancellationToken).ConfigureAwait(false);
            if (live is null)
            {
                drifted.Add((obj, null));
                continue;
            }

            var desired = ignore.IsEmpty ? obj : ignore.Apply(obj, live);
            var dryRun = await ReleaseApplier.DryRunAsync(resource, desired, force: false, cancellationToken).ConfigureAwait(false);
            var fields = FieldDiff.Paths(live, dryRun);
            if (fields.Count > 0)
            {
                drifted.Add((desired, fields));
            }
        }

        return drifted;
    }
}
