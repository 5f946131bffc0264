namespace Gyre.Sources.Git;

/// <summary>
/// spec.verify: which objects to check and the trusted keys of verify.secretRef (<c>*.asc</c> OpenPGP public keys,
/// <c>*.sshpub</c> SSH public keys in authorized_keys format).
/// </summary>
public sealed record GitVerification
{
    /// <summary><c>HEAD</c> (default), <c>Tag</c> or <c>TagAndHEAD</c>; Flux also accepts lower-case <c>head</c>.</summary>
    public string Mode { get; init; } = "HEAD";

    /// <summary>Public keys by Secret key name; only names ending in <c>.asc</c> or <c>.sshpub</c> are used.</summary>
    public required IReadOnlyDictionary<string, byte[]> Keys { get; init; }

    internal bool VerifiesHead => Mode is "HEAD" or "head" or "TagAndHEAD";

    internal bool VerifiesTag => Mode is "Tag" or "TagAndHEAD";
}
