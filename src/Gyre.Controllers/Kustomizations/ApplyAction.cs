namespace Gyre.Controllers.Kustomizations;

/// <summary>What applying one object did (fluxcd/pkg ssa changeset actions).</summary>
public enum ApplyAction
{
    Created,
    Configured,
    Unchanged,
    Deleted,
    Skipped,
}
