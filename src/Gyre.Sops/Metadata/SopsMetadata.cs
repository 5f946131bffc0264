namespace Gyre.Sops.Metadata;

/// <summary>The `sops` block: key groups, integrity (MAC, lastmodified) and which values are encrypted.</summary>
public sealed record SopsMetadata
{
    public IReadOnlyList<IReadOnlyList<MasterKey>> KeyGroups { get; init; } = [];

    public int ShamirThreshold { get; init; }

    public string LastModified { get; init; } = string.Empty;

    /// <summary>The encrypted MAC; null when the file has none (sops needs --ignore-mac for those).</summary>
    public string? Mac { get; init; }

    public string? UnencryptedSuffix { get; init; }

    public string? EncryptedSuffix { get; init; }

    public string? UnencryptedRegex { get; init; }

    public string? EncryptedRegex { get; init; }

    public string? UnencryptedCommentRegex { get; init; }

    public string? EncryptedCommentRegex { get; init; }

    public bool MacOnlyEncrypted { get; init; }

    public string Version { get; init; } = string.Empty;
}
