namespace Gyre.Sops;

/// <summary>A master key to encrypt to: an age recipient (age1…) or an OpenPGP fingerprint.</summary>
public sealed record SopsKeySpec(SopsKeyType Type, string Id)
{
    public static SopsKeySpec Age(string recipient) => new(SopsKeyType.Age, recipient.Trim());

    public static SopsKeySpec Pgp(string fingerprint) => new(SopsKeyType.Pgp, fingerprint.Replace(" ", string.Empty, StringComparison.Ordinal).Trim());

    public override string ToString() => (Type == SopsKeyType.Age ? "age:" : "pgp:") + Id;
}

/// <summary>The master key types Gyre can encrypt to.</summary>
public enum SopsKeyType
{
    Age,
    Pgp,
}
