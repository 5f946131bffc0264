namespace Gyre.Kube.Dynamic;

/// <summary>Options of create, update and patch (metav1.CreateOptions/UpdateOptions/PatchOptions).</summary>
public sealed record WriteOptions
{
    /// <summary>The field manager recorded in managedFields; required for server-side apply.</summary>
    public string? FieldManager { get; init; }

    /// <summary>Server-side dry run (<c>dryRun=All</c>): validate and admit, persist nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>Server-side apply only: take ownership of fields other managers own instead of failing with a conflict.</summary>
    public bool Force { get; init; }

    /// <summary>Field validation: <c>Strict</c>, <c>Warn</c> or <c>Ignore</c>; server default when null.</summary>
    public string? FieldValidation { get; init; }

    internal string ToQuery()
    {
        var q = new QueryBuilder();
        q.Add("fieldManager", FieldManager);
        q.Add("dryRun", DryRun ? "All" : null);
        q.Add("force", Force ? "true" : null);
        q.Add("fieldValidation", FieldValidation);
        return q.ToString();
    }
}
