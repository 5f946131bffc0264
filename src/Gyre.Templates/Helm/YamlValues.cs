using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Gyre.Templates.Helm;

/// <summary>
/// Decodes YAML the way Helm reads values (sigs.k8s.io/yaml): YAML 1.1 scalars (yes/on are booleans, 0777 is octal),
/// then through JSON, so every number is a float64 and every key a string.
/// </summary>
public static partial class YamlValues
{
    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex FloatPattern();


    /// <summary>Decodes the first document; null for an empty document. Throws FormatException with a yaml-style message.</summary>
    public static object? Decode(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new FormatException("error converting YAML to JSON: yaml: line " +
                e.Start.Line.ToString(CultureInfo.InvariantCulture) + ": " + e.Message, e);
        }
        if (stream.Documents.Count == 0)
        {
            return null;
        }
        return Convert(stream.Documents[0].RootNode);
    }

    private static object? Convert(YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode map:
                var m = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var (k, v) in map.Children)
                {
                    if (k is YamlScalarNode ks && ks.Value == "<<" && ks.Style == ScalarStyle.Plain && Convert(v) is Dictionary<string, object?> merged)
                    {
                        foreach (var (mk, mv) in merged)
                        {
                            m.TryAdd(mk, mv);
                        }
                        continue;
                    }
                    m[KeyString(k)] = Convert(v);
                }
                return m;
            case YamlSequenceNode seq:
                return seq.Children.Select(Convert).ToList();
            case YamlScalarNode s:
                return Scalar(s);
            default:
                return null;
        }
    }

    private static string KeyString(YamlNode k)
    {
        var v = Convert(k);
        return v switch
        {
            null => "null",
            bool b => b ? "true" : "false",
            double d => Serialization.GoJson.FormatFloat(d),
            string s => s,
            _ => Serialization.GoJson.Marshal(v),
        };
    }

    /// <summary>yaml.v2's resolve for a scalar, then JSON's number model.</summary>
    internal static object? Scalar(YamlScalarNode s)
    {
        var v = s.Value ?? "";
        if (s.Style != ScalarStyle.Plain)
        {
            return v;
        }
        if (!s.Tag.IsEmpty && !s.Tag.IsNonSpecific && s.Tag.Value is "tag:yaml.org,2002:str" or "!!str")
        {
            return v;
        }
        switch (v)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "y" or "Y" or "yes" or "Yes" or "YES" or "true" or "True" or "TRUE" or "on" or "On" or "ON":
                return true;
            case "n" or "N" or "no" or "No" or "NO" or "false" or "False" or "FALSE" or "off" or "Off" or "OFF":
                return false;
            case ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF":
            case "-.inf" or "-.Inf" or "-.INF":
            case ".nan" or ".NaN" or ".NAN":
                // JSON cannot carry these: sigs.k8s.io/yaml fails to convert them.
                throw new FormatException("error converting YAML to JSON: json: unsupported value: " + v);
        }
        if (TryInt(v, out var i))
        {
            return i;
        }
        if (FloatPattern().IsMatch(v.Replace("_", "", StringComparison.Ordinal)) &&
            double.TryParse(v.Replace("_", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out var f))
        {
            return f;
        }
        return v;
    }

    private static bool TryInt(string v, out double value)
    {
        value = 0;
        var s = v.Replace("_", "", StringComparison.Ordinal);
        var neg = false;
        if (s.StartsWith('+') || s.StartsWith('-'))
        {
            neg = s[0] == '-';
            s = s[1..];
        }
        if (s.Length == 0)
        {
            return false;
        }
        ulong u;
        bool ok;
        if (s.StartsWith("0b", StringComparison.Ordinal))
        {
            ok = s.Length > 2 && s[2..].All(c => c is '0' or '1');
            u = ok ? System.Convert.ToUInt64(s[2..], 2) : 0;
        }
        else if (s.StartsWith("0x", StringComparison.Ordinal))
        {
            ok = ulong.TryParse(s[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out u);
        }
        else if (s.StartsWith("0o", StringComparison.Ordinal))
        {
            ok = s.Length > 2 && s[2..].All(c => c is >= '0' and <= '7');
            u = ok ? System.Convert.ToUInt64(s[2..], 8) : 0;
        }
        else if (s.Length > 1 && s[0] == '0')
        {
            ok = s.All(c => c is >= '0' and <= '7');
            u = ok ? System.Convert.ToUInt64(s, 8) : 0;
        }
        else
        {
            ok = s.All(char.IsAsciiDigit) && ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out u);
            if (!ok)
            {
                return false;
            }
            u = ulong.Parse(s, CultureInfo.InvariantCulture);
        }
        if (!ok)
        {
            return false;
        }
        value = neg ? -(double)u : u;
        return true;
    }
}
