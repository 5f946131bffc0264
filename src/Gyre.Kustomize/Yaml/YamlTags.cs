namespace Gyre.Kustomize.Yaml;

/// <summary>The core-schema tags yaml.v3 resolves plain scalars to.</summary>
internal static class YamlTags
{
    public const string Str = "!!str";
    public const string Int = "!!int";
    public const string Float = "!!float";
    public const string Bool = "!!bool";
    public const string Null = "!!null";
    public const string Timestamp = "!!timestamp";
    public const string Map = "!!map";
    public const string Seq = "!!seq";
    public const string Merge = "!!merge";
}
