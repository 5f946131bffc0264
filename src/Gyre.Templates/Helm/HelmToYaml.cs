using System.Globalization;
using System.Text;
using Gyre.Manifests.Yaml;
using Gyre.Templates.Execution;
using Gyre.Templates.Formatting;
using Gyre.Templates.Serialization;

namespace Gyre.Templates.Helm;

/// <summary>
/// Helm's toYaml: sigs.k8s.io/yaml marshals the value to JSON, reads the JSON text back and prints it with go-yaml v2,
/// laid out here by the shared <see cref="YamlEmitter"/>. The walk applies the JSON round trip on the fly: integral
/// numbers come back as integers, times as RFC 3339 text, Go values without exported fields as empty maps, text as
/// <see cref="HelmYamlReadBack"/> reads it.
/// </summary>
internal static class HelmToYaml
{
    /// <summary>The YAML text without its final line break, or null when marshalling or reading back fails (Helm then yields "").</summary>
    public static string? TryToYaml(object? v)
    {
        if (GoJson.HasUnsupported(v, out _))
        {
            return null;
        }

        var output = new StringBuilder();
        var emitter = new YamlEmitter(output);
        if (!Emit(emitter, v))
        {
            return null;
        }

        emitter.EndDocument();

        // Helm trims one trailing line break (strings.TrimSuffix), so a "|+" block keeps its kept empty lines.
        return output.Length > 0 && output[^1] == '\n' ? output.ToString(0, output.Length - 1) : output.ToString();
    }

    /// <summary>The error mustToYaml fails with when <see cref="TryToYaml"/> returned null.</summary>
    public static string LastError(object? v) =>
        GoJson.HasUnsupported(v, out var error) ? "error marshaling into JSON: " + error : "error converting JSON to YAML: " + HelmYamlReadBack.Error(v);

    private static bool EmitString(YamlEmitter emitter, string s)
    {
        if (!HelmYamlReadBack.Readable(s))
        {
            return false;
        }

        emitter.String(HelmYamlReadBack.Fold(s));
        return true;
    }

    /// <summary>Emits <paramref name="v"/>; false when go-yaml could not read the JSON text back.</summary>
    private static bool Emit(YamlEmitter emitter, object? v)
    {
        switch (v)
        {
            case Dictionary<string, object?> m:
                return EmitMapping(emitter, m);
            case Dictionary<string, string> ms:
                return EmitMapping(emitter, ms);
            case List<object?> or string[] or long[]:
                return EmitSequence(emitter, v);
            case string s:
                return EmitString(emitter, s);
            case null or NoValue:
                emitter.Plain("null");
                return true;
            case bool b:
                emitter.Plain(b ? "true" : "false");
                return true;
            case long or int or GoInt64:
                emitter.Plain(GoTypes.AsLong(v).ToString(CultureInfo.InvariantCulture));
                return true;
            case ulong u:
                emitter.Plain(u.ToString(CultureInfo.InvariantCulture));
                return true;
            case double d:
                emitter.Plain(NumberText(d));
                return true;
            case GoTime t:
                return EmitString(emitter, GoTimeLayout.Format(t, "2006-01-02T15:04:05.999999999Z07:00"));
            case IGoValue:
                emitter.EmptyMapping();
                return true;
            default:
                return EmitString(emitter, GoPrinter.Sprintf("%v", [v]));
        }
    }

    private static bool EmitMapping<T>(YamlEmitter emitter, Dictionary<string, T> map)
    {
        if (map.Count == 0)
        {
            emitter.EmptyMapping();
            return true;
        }

        emitter.BeginMapping();
        foreach (var (key, value) in YamlKeyOrder.Sort(map))
        {
            if (!HelmYamlReadBack.ReadableKey(key))
            {
                return false;
            }

            emitter.Key(key);
            if (!Emit(emitter, value))
            {
                return false;
            }
        }

        emitter.EndMapping();
        return true;
    }

    private static bool EmitSequence(YamlEmitter emitter, object list)
    {
        var count = GoTypes.Length(list);
        if (count == 0)
        {
            emitter.EmptySequence();
            return true;
        }

        emitter.BeginSequence();
        for (var i = 0; i < count; i++)
        {
            emitter.Item();
            if (!Emit(emitter, GoTypes.SliceAt(list, i)))
            {
                return false;
            }
        }

        emitter.EndSequence();
        return true;
    }

    // go-yaml reads the JSON number text back: integer text stays an integer, anything else prints as float64 'g'.
    private static string NumberText(double d)
    {
        var text = GoJson.FormatFloat(d);
        if (text.AsSpan().IndexOfAny(".eE") < 0)
        {
            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
            {
                return l.ToString(CultureInfo.InvariantCulture);
            }

            if (ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var u))
            {
                return u.ToString(CultureInfo.InvariantCulture);
            }
        }

        return GoFloat.Format(d, 'g', -1);
    }
}
