using System.Globalization;
using System.Text.Json.Nodes;
using Gyre.Api.Meta;
using Gyre.Cli.Output;
using Gyre.Kube.Dynamic;

namespace Gyre.Cli.Flux;

/// <summary>
/// flux's `reconcile` flow on one object: set reconcile.fluxcd.io/requestedAt, then wait until the controller echoes it
/// in status.lastHandledReconcileAt and the Ready condition settles, and say what happened.
/// </summary>
internal sealed class Reconciliation(ResourceClient resource, FluxKind kind, string ns, string name, Progress progress, TimeProvider time)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(300);

    /// <summary>Annotates the object (and with <paramref name="resume"/> sets spec.suspend=false in the same patch); returns the token.</summary>
    public Task<string> RequestAsync(bool resume, CancellationToken cancellationToken) => RequestAsync(resume, [], cancellationToken);

    /// <summary>As <see cref="RequestAsync(bool, CancellationToken)"/>, also setting <paramref name="alsoAnnotate"/> (e.g. reconcile.fluxcd.io/forceAt) to the same token.</summary>
    public async Task<string> RequestAsync(bool resume, IReadOnlyList<string> alsoAnnotate, CancellationToken cancellationToken)
    {
        var token = time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
        var annotations = new JsonObject { [FluxAnnotations.RequestedAt] = token };
        foreach (var annotation in alsoAnnotate)
        {
            annotations[annotation] = token;
        }

        var patch = new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = annotations } };
        if (resume)
        {
            patch["spec"] = new JsonObject { ["suspend"] = false };
        }

        await resource.PatchAsync(ns, name, PatchType.Merge, patch.ToJsonString(), null, cancellationToken).ConfigureAwait(false);
        return token;
    }

    /// <summary>Waits for the outcome of the request <paramref name="token"/> (null: of the current generation); true when Ready.</summary>
    public async Task<bool> WaitAsync(string? token, TimeSpan timeout, CancellationToken cancellationToken)
    {
        progress.Waiting($"waiting for {kind.Kind} reconciliation");
        var deadline = time.GetUtcNow() + timeout;
        while (true)
        {
            var obj = await resource.GetAsync(ns, name, cancellationToken).ConfigureAwait(false);
            if (Settled(obj, token))
            {
                if (FluxObject.Ready(obj) == "True")
                {
                    progress.Success($"{kind.Kind} reconciliation completed");
                    if (Outcome(obj) is { } outcome)
                    {
                        progress.Success(outcome);
                    }

                    return true;
                }

                progress.Failure($"{kind.Kind} {ns}/{name}: {FluxObject.Message(obj)}; see `gyre events --for {kind.Kind}/{name} -n {ns}`");
                return false;
            }

            if (time.GetUtcNow() > deadline)
            {
                progress.Failure($"{kind.Kind} {ns}/{name}: timed out after {DurationOption.Format(timeout)} waiting for the controller to handle the request " +
                    $"(last status: {FluxObject.Message(obj)}); check the controllers run (`gyre check`) and `gyre events --for {kind.Kind}/{name} -n {ns}`");
                return false;
            }

            await Task.Delay(PollInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    // What flux says after a reconcile: the revision; for image objects the scan's tag count, the selected image, the last run.
    private string? Outcome(JsonObject obj) => (kind.Kind, FluxObject.Revision(obj, kind)) switch
    {
        ("ImageRepository", _) => obj["status"]?["lastScanResult"]?["tagCount"] is { } count ? $"scan fetched {count} tags" : null,
        ("ImagePolicy", { } image) => "selected image " + image,
        ("ImageUpdateAutomation", { } run) => "last run " + run,
        (_, { } revision) when !kind.IsImage => $"{(kind.IsSource ? "fetched" : "applied")} revision {revision}",
        _ => null,
    };

    // As flux's kstatus check: handled this request, observed the current generation, and no longer reconciling.
    private static bool Settled(JsonObject obj, string? token) =>
        (token is null || FluxObject.LastHandled(obj) == token)
        && FluxObject.Observed(obj)
        && FluxObject.Ready(obj) != "Unknown"
        && (string?)FluxObject.Condition(obj, "Reconciling")?["status"] != "True";
}
