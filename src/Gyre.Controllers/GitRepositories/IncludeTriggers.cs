using System.Text.Json.Nodes;
using Gyre.Kube.Informers;
using Gyre.Manifests;
using Gyre.Runtime.Reconcile;

namespace Gyre.Controllers.GitRepositories;

/// <summary>
/// When a GitRepository stores a new artifact, queues every GitRepository in its namespace that includes it, so the
/// including artifact is rebuilt at once (source-controller watches included repositories the same way).
/// </summary>
internal sealed class IncludeTriggers(ObjectCache repositories, Action<ReconcileRequest> enqueue)
{
    public void OnNewRevision(KubeObject included)
    {
        foreach (var candidate in repositories.List().Select(o => new KubeObject(o)))
        {
            var includes = (candidate.Json["spec"]?["include"] as JsonArray ?? []).OfType<JsonObject>()
                .Any(i => (string?)i["repository"]?["name"] == included.Name);
            if (includes && candidate.Namespace == included.Namespace)
            {
                enqueue(new ReconcileRequest(candidate.Namespace ?? string.Empty, candidate.Name));
            }
        }
    }
}
