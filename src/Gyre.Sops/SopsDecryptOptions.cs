namespace Gyre.Sops;

/// <summary>Options of a decryption: the file name for messages, the output format, and sops's --ignore-mac.</summary>
public sealed record SopsDecryptOptions
{
    /// <summary>The file name used in error messages.</summary>
    public string? File { get; init; }

    /// <summary>Print in another format than the input's (sops --output-type).</summary>
    public SopsFormat? OutputFormat { get; init; }

    /// <summary>YAML indentation (sops's stores.yaml.indent); 4 by default.</summary>
    public int? Indent { get; init; }

    /// <summary>Skip MAC verification, as sops --ignore-mac (for files without a MAC).</summary>
    public bool IgnoreMac { get; init; }
}
