namespace Gyre.Kustomize;

/// <summary>
/// Every failure of a kustomize build. Location is data: the kustomization file, the resource or patch, and the field.
/// The message reads "&lt;where&gt;: &lt;what failed&gt;: &lt;why&gt;".
/// </summary>
public sealed class KustomizeException : Exception
{
    public KustomizeException(string message)
        : base(message)
    {
    }

    public KustomizeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public KustomizeException(string? file, string? objectRef, string? field, string what, Exception? innerException = null)
        : base(Compose(file, objectRef, field, what), innerException)
    {
        File = file;
        ObjectRef = objectRef;
        Field = field;
        Reason = what;
    }

    /// <summary>What failed and why, without the location prefix.</summary>
    public string? Reason { get; }

    /// <summary>The kustomization (or patch/resource) file the failure is about.</summary>
    public string? File { get; }

    /// <summary>The resource or patch, as Kind/namespace/name or the patch file.</summary>
    public string? ObjectRef { get; }

    /// <summary>The kustomization field or resource field path.</summary>
    public string? Field { get; }

    private static string Compose(string? file, string? objectRef, string? field, string what)
    {
        var where = new List<string>();
        if (file is not null)
        {
            where.Add(file);
        }

        if (field is not null)
        {
            where.Add(field);
        }

        if (objectRef is not null)
        {
            where.Add(objectRef);
        }

        return where.Count == 0 ? what : string.Join(": ", where) + ": " + what;
    }
}
