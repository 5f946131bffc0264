using Gyre.Manifests;

namespace Gyre.Controllers.Kustomizations;

/// <summary>One line of a change set: <c>Deployment/apps/web configured</c>.</summary>
public sealed record ChangeSetEntry(ObjectRef Object, string Version, ApplyAction Action)
{
    public override string ToString() => $"{Object} {Action.ToString().ToLowerInvariant()}";
}
