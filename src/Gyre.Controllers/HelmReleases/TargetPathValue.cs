using System.Text.Json.Nodes;
using Gyre.Helm.Values;

namespace Gyre.Controllers.HelmReleases;

/// <summary>
/// Flux's ReplacePathValue for a valuesFrom entry with a targetPath: the value goes through Helm's --set parser
/// (typed: true, 10, null...), or --set-string when it is wrapped in single or double quotes (the quotes are
/// trimmed); with literal: true it is placed verbatim as a string.
/// </summary>
internal static class TargetPathValue
{
    private const string Quotes = "'\"";

    public static void Replace(JsonObject values, string path, string value, bool literal)
    {
        if (literal)
        {
            SetValuesParser.SetLiteralAt(path, value, values);
            return;
        }

        var singleQuoted = value.StartsWith('\'') && value.EndsWith('\'');
        var doubleQuoted = value.StartsWith('"') && value.EndsWith('"');
        if (singleQuoted || doubleQuoted)
        {
            SetValuesParser.ParseSetString(path + "=" + value.Trim(Quotes.ToCharArray()), values);
            return;
        }

        SetValuesParser.ParseSet(path + "=" + value, values);
    }
}
