using System.Text.Json.Nodes;

namespace Gyre.Helm.Values;

/// <summary>
/// The --set family of Helm's command line (pkg/strvals): "a.b=1,c[0].d=x,e={1,2}", with backslash-escaped dots and
/// commas. Each call merges one expression into the values given.
/// </summary>
public static class SetValuesParser
{
    /// <summary>--set: values typed as Helm does (true/false/null, integers as int64, everything else a string).</summary>
    public static void ParseSet(string expression, JsonObject into) => Run("--set", expression, into, v => StrvalsParser.TypedVal(v, false), false);

    /// <summary>--set-string: every value a string.</summary>
    public static void ParseSetString(string expression, JsonObject into) => Run("--set-string", expression, into, v => StrvalsParser.TypedVal(v, true), false);

    /// <summary>--set-json: each value is a JSON document ("a={\"b\":1}", "a=[1,2]").</summary>
    public static void ParseSetJson(string expression, JsonObject into) => Run("--set-json", expression, into, v => v, true);

    /// <summary>--set-file: each value is a path whose content (read by <paramref name="readFile"/>) becomes a string.</summary>
    public static void ParseSetFile(string expression, JsonObject into, Func<string, string> readFile)
    {
        ArgumentNullException.ThrowIfNull(readFile);
        Run("--set-file", expression, into, v => readFile(v), false);
    }

    /// <summary>
    /// --set-literal: "path=value" where the value is everything after the first '=' (commas, braces and all), kept
    /// as a string; keys split on '.' and '[i]' with no escapes (Helm's literal parser).
    /// </summary>
    public static void ParseSetLiteral(string expression, JsonObject into) => Run("--set-literal", expression, into, v => v, false, literal: true);

    /// <summary>
    /// Places <paramref name="value"/> verbatim, as a string, at <paramref name="path"/> written in --set syntax
    /// (dots, escaped dots, [i]); what Flux's valuesFrom targetPath with literal: true does.
    /// </summary>
    public static void SetLiteralAt(string path, string value, JsonObject into)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(value);
        Run("--set-literal", path + "=v", into, _ => value, false);
    }

    private static void Run(string flag, string expression, JsonObject into, Func<string, object?> reader, bool json, bool literal = false)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(into);
        var data = GoValues.FromJson(into);
        try
        {
            new StrvalsParser(expression, reader, json) { Literal = literal }.Parse(data);
        }
        catch (FormatException e)
        {
            throw new HelmException("failed parsing " + flag + " data: " + e.Message);
        }
        into.Clear();
        foreach (var (k, v) in data)
        {
            into[k] = GoValues.ToNode(v);
        }
    }
}
