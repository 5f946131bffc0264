using System.Text.Json.Nodes;

namespace Gyre.Kube.Dynamic;

/// <summary>How dependents are handled on delete (metav1.DeletionPropagation).</summary>
public enum PropagationPolicy
{
    /// <summary>The resource's default.</summary>
    Default,

    /// <summary>Delete dependents in the background after the owner is gone.</summary>
    Background,

    /// <summary>Keep the owner (with a foregroundDeletion finalizer) until dependents are deleted.</summary>
    Foreground,

    /// <summary>Leave dependents, removing their owner references.</summary>
    Orphan,
}

/// <summary>Options of a delete (metav1.DeleteOptions).</summary>
public sealed record DeleteOptions
{
    /// <summary>What happens to dependents.</summary>
    public PropagationPolicy PropagationPolicy { get; init; }

    /// <summary>Delete only if the object still has this UID (it was not re-created).</summary>
    public string? PreconditionUid { get; init; }

    /// <summary>Delete only if the object is still at this resourceVersion.</summary>
    public string? PreconditionResourceVersion { get; init; }

    /// <summary>Seconds before the object is deleted; zero deletes immediately.</summary>
    public long? GracePeriodSeconds { get; init; }

    /// <summary>Server-side dry run.</summary>
    public bool DryRun { get; init; }

    internal JsonObject ToJson()
    {
        var body = new JsonObject { ["kind"] = "DeleteOptions", ["apiVersion"] = "v1" };
        if (PropagationPolicy != PropagationPolicy.Default)
        {
            body["propagationPolicy"] = PropagationPolicy.ToString();
        }

        if (PreconditionUid is not null || PreconditionResourceVersion is not null)
        {
            var preconditions = new JsonObject();
            if (PreconditionUid is not null)
            {
                preconditions["uid"] = PreconditionUid;
            }

            if (PreconditionResourceVersion is not null)
            {
                preconditions["resourceVersion"] = PreconditionResourceVersion;
            }

            body["preconditions"] = preconditions;
        }

        if (GracePeriodSeconds is { } grace)
        {
            body["gracePeriodSeconds"] = grace;
        }

        if (DryRun)
        {
            body["dryRun"] = new JsonArray("All");
        }

        return body;
    }
}
