namespace Gyre.ImageAutomation.Setters;

/// <summary>The Kubernetes object a change happened in (Flux's update.ObjectIdentifier): empty strings where a document lacks a field.</summary>
public sealed record ObjectIdentifier(string ApiVersion, string Kind, string Name, string Namespace)
{
    /// <summary>Go's fmtsort order for the struct Flux uses as map key (templates range over it so): APIVersion, Kind, Name, Namespace.</summary>
    public static IComparer<ObjectIdentifier> Order { get; } = Comparer<ObjectIdentifier>.Create((a, b) =>
    {
        var c = string.CompareOrdinal(a.ApiVersion, b.ApiVersion);
        c = c != 0 ? c : string.CompareOrdinal(a.Kind, b.Kind);
        c = c != 0 ? c : string.CompareOrdinal(a.Name, b.Name);
        return c != 0 ? c : string.CompareOrdinal(a.Namespace, b.Namespace);
    });
}
