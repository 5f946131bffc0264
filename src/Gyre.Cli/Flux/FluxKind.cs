using Gyre.Manifests;

namespace Gyre.Cli.Flux;

/// <summary>
/// One Flux kind as the CLI names it: `gyre get sources git` and `gyre reconcile kustomization` both find their kind
/// here, and work on it as unstructured objects so every kind gets the same commands.
/// </summary>
internal sealed record FluxKind(string Group, string Version, string Kind, string Command, string[] Aliases, bool HasStatus, string? RevisionPath,
    string RevisionHeader = "REVISION", bool ShowSuspended = true)
{
    public string ApiVersion => Group + "/" + Version;

    public GroupVersionKind Gvk => new(Group, Version, Kind);

    /// <summary>Sources are addressed as `source git`, the others by their own name, as flux does.</summary>
    public bool IsSource => Group == "source.toolkit.fluxcd.io";

    /// <summary>The image automation kinds are addressed as `image repository|policy|update`, as flux does.</summary>
    public bool IsImage => Group == "image.toolkit.fluxcd.io";

    /// <summary>What the user types: `source git`, `image policy`, `kustomization`, `alert-provider`.</summary>
    public string CliName => IsSource ? "source " + Command : IsImage ? "image " + Command : Command;

    public override string ToString() => Kind;
}
