using Gyre.Api.Meta;
using Gyre.Manifests;
using Gyre.Runtime.Reconcile;

namespace Gyre.Controllers.Common;

/// <summary>
/// --no-cross-namespace-refs (fluxcd/pkg runtime acl): with it, an object may only use a source in its own namespace.
/// A refused reference is terminal (Ready=False and Stalled=True, reason AccessDenied) with Flux's message.
/// </summary>
internal static class CrossNamespaceRefs
{
    public static void Check(bool blocked, KubeObject obj, string kind, string ns, string name)
    {
        if (blocked && ns != obj.Namespace)
        {
            throw new TerminalReconcileException(Reasons.AccessDenied,
                $"can't access '{kind}/{ns}/{name}', cross-namespace references have been blocked; move the source into namespace '{obj.Namespace}'");
        }
    }
}
