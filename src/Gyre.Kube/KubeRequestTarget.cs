namespace Gyre.Kube;

/// <summary>What a request was about, carried as data so messages never need re-parsing.</summary>
/// <param name="Verb">The client operation: get, list, create, update, patch, apply, delete, watch.</param>
/// <param name="Resource">The plural resource, with its group when not core (e.g. <c>deployments.apps</c>).</param>
/// <param name="Namespace">The namespace, or null for cluster-scoped resources and all-namespace lists.</param>
/// <param name="Name">The object name, or null for collection requests.</param>
public sealed record KubeRequestTarget(string Verb, string Resource, string? Namespace, string? Name)
{
    /// <summary>Renders <c>get deployments.apps team-a/web</c>.</summary>
    public override string ToString()
    {
        var obj = Name is null ? (Namespace is null ? string.Empty : $" in namespace {Namespace}")
            : Namespace is null ? $" {Name}" : $" {Namespace}/{Name}";
        return $"{Verb} {Resource}{obj}";
    }
}
