namespace Gyre.ImageAutomation.Setters;

/// <summary>Which part of the latest image a marker writes.</summary>
public enum SetterField
{
    /// <summary><c>"ns:policy"</c>: the whole reference.</summary>
    Reference,

    /// <summary><c>"ns:policy:name"</c>: the image name.</summary>
    Name,

    /// <summary><c>"ns:policy:tag"</c>: the tag.</summary>
    Tag,

    /// <summary><c>"ns:policy:digest"</c>: the digest.</summary>
    Digest,
}
