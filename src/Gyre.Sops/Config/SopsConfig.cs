using System.Globalization;
using System.Text;
using Gyre.Sops.Crypto;
using Gyre.Sops.Tree;
using Gyre.Sops.Yaml;

namespace Gyre.Sops.Config;

/// <summary>A parsed `.sops.yaml`: creation rules (first match wins, as sops) and store settings.</summary>
public sealed record SopsConfig
{
    private static readonly string[] UnsupportedKeys = ["kms", "gcp_kms", "azure_keyvault", "hc_vault_transit_uri", "hckms"];

    public IReadOnlyList<CreationRule> CreationRules { get; init; } = [];

    /// <summary>stores.yaml.indent, when set.</summary>
    public int? YamlIndent { get; init; }

    public static SopsConfig Parse(string yaml, string? file = null)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        try
        {
            var documents = YamlTreeReader.Read(yaml);
            var root = documents.Count > 0 ? documents[0] : [];
            var rules = (root.Get("creation_rules") as List<object?> ?? []).Where(r => r is not SopsComment).ToList();
            var indent = (root.Get("stores") as SopsBranch)?.Get("yaml") is SopsBranch yamlStore && yamlStore.Get("indent") is long i ? (int)i : (int?)null;
            return new SopsConfig
            {
                CreationRules = rules.Select((r, n) => ParseRule(r as SopsBranch ?? throw new SopsException($"creation_rules[{n}] must be a mapping"))).ToList(),
                YamlIndent = indent,
            };
        }
        catch (SopsException ex) when (file is not null)
        {
            throw ex.WithFile(file);
        }
    }

    /// <summary>The first rule whose path_regex matches the path (relative to the config's directory), or null.</summary>
    public CreationRule? FindRule(string relativePath)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        var path = relativePath.Replace('\\', '/');
        return CreationRules.FirstOrDefault(r => string.IsNullOrEmpty(r.PathRegex) || GoRegex.IsMatch(path, r.PathRegex));
    }

    private static CreationRule ParseRule(SopsBranch rule)
    {
        var groups = new List<IReadOnlyList<SopsKeySpec>>();
        if (rule.Get("key_groups") is List<object?> keyGroups)
        {
            foreach (var group in keyGroups.OfType<SopsBranch>())
            {
                groups.Add([.. List(group.Get("age")).Select(SopsKeySpec.Age), .. List(group.Get("pgp")).Select(SopsKeySpec.Pgp)]);
            }
        }
        else
        {
            var single = Commas(rule.Get("age")).Select(SopsKeySpec.Age).Concat(Commas(rule.Get("pgp")).Select(SopsKeySpec.Pgp)).ToList();
            if (single.Count > 0)
            {
                groups.Add(single);
            }
        }

        return new CreationRule
        {
            PathRegex = Text(rule.Get("path_regex")),
            KeyGroups = groups,
            ShamirThreshold = rule.Get("shamir_threshold") is long t ? (int)t : 0,
            UnencryptedSuffix = Text(rule.Get("unencrypted_suffix")),
            EncryptedSuffix = Text(rule.Get("encrypted_suffix")),
            UnencryptedRegex = Text(rule.Get("unencrypted_regex")),
            EncryptedRegex = Text(rule.Get("encrypted_regex")),
            UnencryptedCommentRegex = Text(rule.Get("unencrypted_comment_regex")),
            EncryptedCommentRegex = Text(rule.Get("encrypted_comment_regex")),
            MacOnlyEncrypted = rule.Get("mac_only_encrypted") is true,
            UnsupportedProviders = UnsupportedKeys.Where(k => rule.Get(k) is not null).ToList(),
        };
    }

    // A key list is a comma-separated string (`age: a,b`) or a YAML list.
    private static IEnumerable<string> Commas(object? value) => value switch
    {
        string s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        List<object?> list => list.Select(Text).OfType<string>().SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)),
        _ => [],
    };

    private static IEnumerable<string> List(object? value) => Commas(value);

    private static string? Text(object? value) => value switch
    {
        null => null,
        string s => s,
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    /// <summary>Reads a config file's bytes.</summary>
    public static SopsConfig Parse(byte[] data, string? file = null) => Parse(Encoding.UTF8.GetString(data), file);
}
