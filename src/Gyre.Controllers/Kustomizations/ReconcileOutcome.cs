using Gyre.Apply.Inventory;

namespace Gyre.Controllers.Kustomizations;

/// <summary>What a successful apply pass produced: the revision, the change set and the new inventory.</summary>
internal sealed record ReconcileOutcome(string Revision, IReadOnlyList<ChangeSetEntry> Changes, ResourceInventory Inventory, bool HealthChecked);
