namespace Gyre.Sources.Git;

/// <summary>spec.verify: which objects to check and the trusted OpenPGP keys (the <c>*.asc</c> entries of verify.secretRef).</summary>
public sealed record GitVerification
{
    /// <summary><c>HEAD</c> (default), <c>Tag</c> or <c>TagAndHEAD</c>; Flux also accepts lower-case <c>head</c>.</summary>
    public string Mode { get; init; } = "HEAD";

    /// <summary>Armored public keys by Secret key name; only names ending in <c>.asc</c> are used.</summary>
    public required IReadOnlyDictionary<string, byte[]> Keys { get; init; }

    internal bool VerifiesHead => Mode is "HEAD" or "head" or "TagAndHEAD";

    internal bool VerifiesTag => Mode is "Tag" or "TagAndHEAD";
}
