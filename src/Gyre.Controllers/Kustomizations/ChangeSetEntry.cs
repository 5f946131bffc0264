using Gyre.Manifests;

namespace Gyre.Controllers.Kustomizations;

/// <summary>
/// One line of a change set: <c>Deployment/apps/web configured</c>; for an existing object that changed, the fields
/// that differed from the live object follow in parentheses (Gyre's addition, so drift says what was edited).
/// </summary>
public sealed record ChangeSetEntry(ObjectRef Object, string Version, ApplyAction Action)
{
    public IReadOnlyList<string> Fields { get; init; } = [];

    public override string ToString() =>
        $"{Object} {Action.ToString().ToLowerInvariant()}" + (Fields.Count == 0 ? string.Empty : $" ({string.Join(", ", Fields)})");
}
