namespace Gyre.Sops;

/// <summary>The stores sops knows: each decides how a document is parsed and printed.</summary>
public enum SopsFormat
{
    Yaml,
    Json,
    Dotenv,
    Ini,
    Binary,
}
