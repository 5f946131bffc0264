namespace Gyre.Sops;

/// <summary>Maps file names and `--input-type` words to formats, as sops does (by extension, binary otherwise).</summary>
public static class SopsFormats
{
    /// <summary>The format sops picks for a path: .yaml/.yml, .json, .env, .ini, anything else binary.</summary>
    public static SopsFormat FromPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var extension = Path.GetExtension(path).ToLowerInvariant();
        return extension switch
        {
            ".yaml" or ".yml" => SopsFormat.Yaml,
            ".json" => SopsFormat.Json,
            ".env" => SopsFormat.Dotenv,
            ".ini" => SopsFormat.Ini,
            _ => SopsFormat.Binary,
        };
    }

    /// <summary>Parses a format name as sops's --input-type/--output-type accept it.</summary>
    public static SopsFormat Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.ToLowerInvariant() switch
        {
            "yaml" or "yml" => SopsFormat.Yaml,
            "json" => SopsFormat.Json,
            "dotenv" or "env" => SopsFormat.Dotenv,
            "ini" => SopsFormat.Ini,
            "binary" => SopsFormat.Binary,
            _ => throw new SopsException($"unknown format '{name}': must be one of yaml, json, dotenv, ini, binary"),
        };
    }
}
