namespace Gyre.Sops;

/// <summary>What `sops encrypt` needs: key groups, Shamir threshold, which values to encrypt, and presentation.</summary>
public sealed record SopsEncryptOptions
{
    /// <summary>Key groups; with one group every key can decrypt alone, with several a Shamir threshold of groups is needed.</summary>
    public IReadOnlyList<IReadOnlyList<SopsKeySpec>> KeyGroups { get; init; } = [];

    public int ShamirThreshold { get; init; }

    public string? UnencryptedSuffix { get; init; }

    public string? EncryptedSuffix { get; init; }

    public string? UnencryptedRegex { get; init; }

    public string? EncryptedRegex { get; init; }

    public string? UnencryptedCommentRegex { get; init; }

    public string? EncryptedCommentRegex { get; init; }

    public bool MacOnlyEncrypted { get; init; }

    /// <summary>Write in another format than the input's (sops --output-type).</summary>
    public SopsFormat? OutputFormat { get; init; }

    /// <summary>YAML indentation (sops's stores.yaml.indent); 4 by default.</summary>
    public int? Indent { get; init; }

    /// <summary>The file name used in error messages.</summary>
    public string? File { get; init; }
}
