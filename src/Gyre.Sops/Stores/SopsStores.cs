namespace Gyre.Sops.Stores;

/// <summary>Picks the store for a format.</summary>
internal static class SopsStores
{
    public static ISopsStore For(SopsFormat format, int? indent = null) => format switch
    {
        SopsFormat.Yaml => new YamlStore(indent ?? 4),
        SopsFormat.Json => new JsonStore(),
        SopsFormat.Dotenv => new DotenvStore(),
        SopsFormat.Ini => new IniStore(),
        SopsFormat.Binary => new BinaryStore(),
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };
}
