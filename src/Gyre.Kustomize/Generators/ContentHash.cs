using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Gyre.Kustomize.Yaml;

namespace Gyre.Kustomize.Generators;

/// <summary>
/// kustomize's name-suffix hash (api/hasher): sha256 over the JSON of {binaryData?, data, kind, name[, type]} with
/// Go's encoding/json escaping, hex-encoded, first 10 characters with 0,1,3,a,e replaced by g,h,k,m,t.
/// </summary>
internal static class ContentHash
{
    public static string Compute(YamlNode node)
    {
        var kind = node.GetString("kind");
        var json = new StringBuilder("{");
        var binary = node.Get("binaryData");
        if (kind == "ConfigMap" && binary is { IsMapping: true } && binary.Content.Count > 0)
        {
            json.Append("\"binaryData\":");
            AppendMap(json, binary);
            json.Append(',');
        }

        json.Append("\"data\":");
        AppendMap(json, node.Get("data"));
        json.Append(",\"kind\":");
        AppendString(json, kind ?? string.Empty);
        json.Append(",\"name\":");
        AppendString(json, node.GetString("metadata", "name") ?? string.Empty);
        if (kind == "Secret")
        {
            json.Append(",\"type\":");
            AppendString(json, node.GetString("type") ?? string.Empty);
        }

        json.Append('}');
        var hex = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json.ToString())));
        var suffix = hex[..10].ToCharArray();
        for (var i = 0; i < suffix.Length; i++)
        {
            suffix[i] = suffix[i] switch { '0' => 'g', '1' => 'h', '3' => 'k', 'a' => 'm', 'e' => 't', var c => c };
        }

        return new string(suffix);
    }

    private static void AppendMap(StringBuilder json, YamlNode? map)
    {
        json.Append('{');
        if (map is { IsMapping: true })
        {
            var first = true;
            foreach (var (key, value) in map.Pairs().OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                if (!first)
                {
                    json.Append(',');
                }

                first = false;
                AppendString(json, key);
                json.Append(':');
                AppendString(json, value.IsNull ? string.Empty : value.Value);
            }
        }

        json.Append('}');
    }

    /// <summary>encoding/json string escaping, including its HTML-safe \u003c, \u003e, \u0026 and \u2028/\u2029.</summary>
    private static void AppendString(StringBuilder json, string value)
    {
        json.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': json.Append("\\\""); break;
                case '\\': json.Append("\\\\"); break;
                case '\n': json.Append("\\n"); break;
                case '\r': json.Append("\\r"); break;
                case '\t': json.Append("\\t"); break;
                case '<' or '>' or '&' or '\u2028' or '\u2029' or < ' ':
                    json.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default: json.Append(c); break;
            }
        }

        json.Append('"');
    }
}
