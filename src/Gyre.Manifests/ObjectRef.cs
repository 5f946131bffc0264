namespace Gyre.Manifests;

/// <summary>
/// Identifies an object independently of its version: group, kind, namespace (empty when cluster-scoped) and name.
/// Rendered "Kind/namespace/name" as Flux does, and as an inventory entry "namespace_name_group_kind".
/// </summary>
public sealed record ObjectRef(string Group, string Kind, string Namespace, string Name)
{
    /// <summary>Flux's inventory id: <c>&lt;namespace&gt;_&lt;name&gt;_&lt;group&gt;_&lt;kind&gt;</c>.</summary>
    public string InventoryId => Namespace + "_" + Name + "_" + Group + "_" + Kind;

    /// <summary>Parses a Flux inventory id; names and namespaces cannot contain '_', so the split is unambiguous.</summary>
    public static ObjectRef FromInventoryId(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var parts = id.Split('_');
        if (parts.Length != 4)
        {
            throw new ManifestException($"invalid inventory id '{id}': expected <namespace>_<name>_<group>_<kind>");
        }

        return new ObjectRef(parts[2], parts[3], parts[0], parts[1]);
    }

    public override string ToString() => Namespace.Length == 0 ? Kind + "/" + Name : Kind + "/" + Namespace + "/" + Name;
}
