namespace Gyre.Sops.Config;

/// <summary>One `.sops.yaml` creation rule: which files it matches and how they are encrypted.</summary>
public sealed record CreationRule
{
    public string? PathRegex { get; init; }

    public IReadOnlyList<IReadOnlyList<SopsKeySpec>> KeyGroups { get; init; } = [];

    public int ShamirThreshold { get; init; }

    public string? UnencryptedSuffix { get; init; }

    public string? EncryptedSuffix { get; init; }

    public string? UnencryptedRegex { get; init; }

    public string? EncryptedRegex { get; init; }

    public string? UnencryptedCommentRegex { get; init; }

    public string? EncryptedCommentRegex { get; init; }

    public bool MacOnlyEncrypted { get; init; }

    /// <summary>Master keys of providers Gyre cannot encrypt to (kms, gcp_kms, azure_keyvault, hc_vault_transit_uri).</summary>
    public IReadOnlyList<string> UnsupportedProviders { get; init; } = [];

    /// <summary>Encryption options for this rule.</summary>
    public SopsEncryptOptions ToOptions() => new()
    {
        KeyGroups = KeyGroups,
        ShamirThreshold = ShamirThreshold,
        UnencryptedSuffix = UnencryptedSuffix,
        EncryptedSuffix = EncryptedSuffix,
        UnencryptedRegex = UnencryptedRegex,
        EncryptedRegex = EncryptedRegex,
        UnencryptedCommentRegex = UnencryptedCommentRegex,
        EncryptedCommentRegex = EncryptedCommentRegex,
        MacOnlyEncrypted = MacOnlyEncrypted,
    };
}
