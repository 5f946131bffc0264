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
        // kustomize looks these up with yaml.Lookup("metadata/name"), a single literal key, so "name" is always ""
        // and a missing data map encodes as "" (api/hasher getNodeValues).
        var kind = node.GetString("kind");
        var fields = new SortedDictionary<string, Action<StringBuilder>>(StringComparer.Ordinal)
        {
            ["kind"] = j => AppendString(j, kind ?? string.Empty),
            ["name"] = j => AppendString(j, string.Empty),
            ["data"] = j => AppendMapOrEmpty(j, node.Get("data")),
        };
        var optional = kind == "Secret" ? "stringData" : "binaryData";
        if (node.Get(optional) is { IsMapping: true } extra)
        {
            fields[optional] = j => AppendMapOrEmpty(j, extra);
        }

        if (kind == "Secret")
        {
            fields["type"] = j => AppendString(j, node.Get("type") is { IsScalar: true } type ? type.Value : string.Empty);
        }

        var json = new StringBuilder("{");
        foreach (var (key, write) in fields)
        {
            if (json.Length > 1)
            {
                json.Append(',');
            }

            AppendString(json, key);
            json.Append(':');
            write(json);
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

    private static void AppendMapOrEmpty(StringBuilder json, YamlNode? map)
    {
        if (map is null)
        {
            AppendString(json, string.Empty);
            return;
        }

        if (!map.IsMapping)
        {
            AppendString(json, map.Value);
            return;
        }

        json.Append('{');
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
            AppendValue(json, value);
        }

        json.Append('}');
    }

    private static void AppendValue(StringBuilder json, YamlNode value)
    {
        if (!value.IsScalar)
        {
            AppendString(json, value.Value);
            return;
        }

        var output = OutputScalar.Of(value);
        if (output.Kind == OutputScalarKind.String)
        {
            AppendString(json, output.Text);
        }
        else
        {
            json.Append(output.Text);
        }
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
