namespace Gyre.Sops.Metadata;

/// <summary>One master key of a key group: it holds the data key (or a Shamir share of it) encrypted for one recipient.</summary>
public abstract record MasterKey
{
    /// <summary>How the key is named in messages, e.g. "age:age1…" or "pgp:FBC7…".</summary>
    public abstract string Describe();
}

/// <summary>An age X25519 recipient and the armored age file holding the data key.</summary>
public sealed record AgeMasterKey(string Recipient, string EncryptedKey) : MasterKey
{
    public override string Describe() => "age:" + Recipient;
}

/// <summary>An OpenPGP key fingerprint and the armored PGP message holding the data key.</summary>
public sealed record PgpMasterKey(string Fingerprint, string EncryptedKey, string CreatedAt) : MasterKey
{
    public override string Describe() => "pgp:" + Fingerprint;
}

/// <summary>A key of a provider Gyre does not speak (AWS KMS, GCP KMS, Azure Key Vault, HashiCorp Vault, HuaweiCloud KMS).</summary>
public sealed record UnsupportedMasterKey(string Provider, string Identifier) : MasterKey
{
    public override string Describe() => Provider + ":" + Identifier;
}
