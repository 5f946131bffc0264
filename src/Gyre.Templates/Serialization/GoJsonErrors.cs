using System.Text.Json;

namespace Gyre.Templates.Serialization;

/// <summary>Approximates encoding/json's syntax error texts for a failed decode.</summary>
internal static class GoJsonErrors
{
    public static string Describe(string input, JsonException e)
    {
        var pos = (int)(e.BytePositionInLine ?? 0);
        var lines = input.Split('\n');
        var line = (int)(e.LineNumber ?? 0);
        var text = line < lines.Length ? lines[line] : "";
        if (input.Trim().Length == 0 || (line >= lines.Length - 1 && pos >= text.Length))
        {
            return "unexpected end of JSON input";
        }
        var trimmed = input.TrimStart(' ', '\t', '\r', '\n');
        foreach (var literal in new[] { "true", "false", "null" })
        {
            if (trimmed.Length > 0 && trimmed[0] == literal[0])
            {
                for (var i = 1; i < literal.Length; i++)
                {
                    if (i >= trimmed.Length)
                    {
                        return "unexpected end of JSON input";
                    }
                    if (trimmed[i] != literal[i])
                    {
                        return "invalid character " + Quote(trimmed[i]) + " in literal " + literal + " (expecting " + Quote(literal[i]) + ")";
                    }
                }
            }
        }
        var c = pos < text.Length ? text[pos] : ' ';
        return "invalid character " + Quote(c) + " looking for beginning of value";
    }

    private static string Quote(char c) => c == '\'' ? "'\\''" : "'" + c + "'";
}
