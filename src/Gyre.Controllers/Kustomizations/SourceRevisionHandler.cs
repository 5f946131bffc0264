using System.Text.Json.Nodes;
using Gyre.Kube.Informers;
using Gyre.Manifests;

namespace Gyre.Controllers.Kustomizations;

/// <summary>Calls back when a source's status.artifact.revision changes (or a source with an artifact appears).</summary>
internal sealed class SourceRevisionHandler(Action<KubeObject> onNewRevision) : IInformerHandler
{
    public void OnAdd(JsonObject obj, bool isInInitialList)
    {
        if (!isInInitialList && Revision(obj) is not null)
        {
            onNewRevision(new KubeObject(obj));
        }
    }

    public void OnUpdate(JsonObject oldObj, JsonObject newObj)
    {
        if (Revision(newObj) is not null && Revision(oldObj) != Revision(newObj))
        {
            onNewRevision(new KubeObject(newObj));
        }
    }

    public void OnDelete(JsonObject obj)
    {
    }

    private static string? Revision(JsonObject obj) => (string?)obj["status"]?["artifact"]?["revision"];
}
