using Gyre.Templates.Serialization;
using Gyre.Templates.Functions;
using static Gyre.Templates.Sprig.SprigFunctions;

namespace Gyre.Templates.Sprig;

/// <summary>Sprig's defaults.go (default, empty, coalesce, ternary, JSON helpers) and fail/env.</summary>
internal static class DefaultFunctions
{
    private const ArgType Any = ArgType.Any;

    public static void Register(Dictionary<string, TemplateFunction> m)
    {
        m["default"] = V(a => a.Length < 2 || Cast.Empty(a[1]) ? a[0] : a[1], Any, Any);
        m["empty"] = F(a => Cast.Empty(a[0]), Any);
        m["coalesce"] = V(a => a.FirstOrDefault(x => !Cast.Empty(x)), Any);
        m["all"] = V(a => a.All(x => !Cast.Empty(x)), Any);
        m["any"] = V(a => a.Any(x => !Cast.Empty(x)), Any);
        m["ternary"] = F(a => (bool)a[2]! ? a[0] : a[1], Any, Any, ArgType.Bool);
        m["fromJson"] = F(a => FromJson(S(a[0]), must: false), ArgType.String);
        m["mustFromJson"] = F(a => FromJson(S(a[0]), must: true), ArgType.String);
        m["toJson"] = F(a => GoJson.HasUnsupported(a[0], out _) ? "" : GoJson.Marshal(a[0]), Any);
        m["mustToJson"] = F(a => Must(a[0], () => GoJson.Marshal(a[0])), Any);
        m["toPrettyJson"] = F(a => GoJson.HasUnsupported(a[0], out _) ? "" : GoJsonIndent.Marshal(a[0], escapeHtml: true), Any);
        m["mustToPrettyJson"] = F(a => Must(a[0], () => GoJsonIndent.Marshal(a[0], escapeHtml: true)), Any);
        m["toRawJson"] = m["mustToRawJson"] = F(a => Must(a[0], () => GoJson.Marshal(a[0], escapeHtml: false)), Any);
        m["fail"] = F(a => throw new TemplateFunctionException(S(a[0])), ArgType.String);
        // Gyre engines never read the process environment: env yields "" and expandenv drops references, as if unset.
        m["env"] = F(_ => "", ArgType.String);
        m["expandenv"] = F(a => ExpandEnv(S(a[0])), ArgType.String);
        // Sprig resolves the name with DNS; engines do no network I/O, so templates parse but the call fails clearly.
        m["getHostByName"] = F(a => throw new TemplateFunctionException("getHostByName " + Formatting.GoQuote.Quote(S(a[0])) +
            ": name resolution is not available while rendering in Gyre"), ArgType.String);
    }

    private static string Must(object? v, Func<string> f) =>
        GoJson.HasUnsupported(v, out var error) ? throw new TemplateFunctionException(error) : f();

    private static object? FromJson(string s, bool must)
    {
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(s);
            return JsonData.FromElement(doc.RootElement);
        }
        catch (System.Text.Json.JsonException e)
        {
            if (must)
            {
                throw new TemplateFunctionException(GoJsonErrors.Describe(s, e));
            }
            return null;
        }
    }

    private static string ExpandEnv(string s)
    {
        var sb = new System.Text.StringBuilder();
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] != '$' || i + 1 >= s.Length)
            {
                sb.Append(s[i]);
                continue;
            }
            if (s[i + 1] == '{')
            {
                var close = s.IndexOf('}', i + 2);
                if (close < 0)
                {
                    return sb.ToString();
                }
                i = close;
                continue;
            }
            var j = i + 1;
            while (j < s.Length && (char.IsAsciiLetterOrDigit(s[j]) || s[j] == '_'))
            {
                j++;
            }
            if (j == i + 1)
            {
                if ("*#$@!?-0123456789".Contains(s[j], StringComparison.Ordinal))
                {
                    i = j;
                    continue;
                }
                sb.Append('$');
                continue;
            }
            i = j - 1;
        }
        return sb.ToString();
    }
}
