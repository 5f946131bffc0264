namespace Gyre.ImageAutomation.Setters;

/// <summary>An ImagePolicy's <c>status.latestRef</c>, keyed by the policy's namespace and name.</summary>
public sealed record LatestImage(string PolicyNamespace, string PolicyName, string Name, string Tag, string? Digest = null)
{
    /// <summary>The setter name of the whole reference, <c>&lt;namespace&gt;:&lt;policy&gt;</c>.</summary>
    public string Setter => PolicyNamespace + ":" + PolicyName;

    /// <summary>What the full marker writes: <c>name:tag</c>, or <c>name:tag@digest</c> when a digest is reflected (Flux's ImageRef.String).</summary>
    public string Reference => Name + ":" + TagWithDigest;

    /// <summary>What the <c>:tag</c> marker writes: the tag, followed by <c>@digest</c> when a digest is reflected.</summary>
    public string TagWithDigest => string.IsNullOrEmpty(Digest) ? Tag : Tag + "@" + Digest;

    /// <summary>The value a marker's field selects, or null when there is nothing to write (a <c>:digest</c> marker without a digest).</summary>
    public string? ValueFor(SetterField field) => field switch
    {
        SetterField.Reference => Reference,
        SetterField.Name => Name,
        SetterField.Tag => TagWithDigest,
        SetterField.Digest => string.IsNullOrEmpty(Digest) ? null : Digest,
        _ => null,
    };
}
