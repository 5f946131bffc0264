using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.Core;

namespace Gyre.ImageAutomation.Setters;

/// <summary>
/// Writes a new value in the quote style the old scalar used. A plain scalar stays plain unless the new value would
/// read back as something other than the same string (a number, a boolean, null, or text with YAML indicators); then
/// it is double-quoted, so a tag such as <c>1.10</c> keeps being a string.
/// </summary>
internal static partial class ScalarText
{
    public static string Render(string value, ScalarStyle style) => style switch
    {
        ScalarStyle.SingleQuoted => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'",
        ScalarStyle.DoubleQuoted => DoubleQuoted(value),
        _ => IsSafePlain(value) ? value : DoubleQuoted(value),
    };

    internal static bool IsSafePlain(string value)
    {
        if (value.Length == 0 || value[0] is ' ' or '\t' || value[^1] is ' ' or '\t' || "-?:,[]{}#&*!|>'\"%@`".Contains(value[0], StringComparison.Ordinal))
        {
            return false;
        }

        if (value.Any(c => char.IsControl(c) || c is ',' or '[' or ']' or '{' or '}')
            || value.Contains(": ", StringComparison.Ordinal) || value.Contains(" #", StringComparison.Ordinal) || value.EndsWith(':'))
        {
            return false;
        }

        return !NonString().IsMatch(value);
    }

    private static string DoubleQuoted(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            _ = c switch
            {
                '"' => text.Append("\\\""),
                '\\' => text.Append("\\\\"),
                '\n' => text.Append("\\n"),
                '\t' => text.Append("\\t"),
                '\r' => text.Append("\\r"),
                _ when char.IsControl(c) => text.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture)),
                _ => text.Append(c),
            };
        }

        return text.Append('"').ToString();
    }

    // YAML 1.1 and 1.2 core-schema non-strings: null, booleans (incl. yes/no/on/off), ints (dec, hex, octal, binary,
    // with underscores), floats, infinities and NaN. Quoting such a value is what yaml encoders do to keep it a string.
    [GeneratedRegex(@"^(~|null|Null|NULL|true|True|TRUE|false|False|FALSE|y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|[-+]?(0b[01_]+|0o?[0-7_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*(:[0-5]?[0-9])*|([0-9][0-9_]*)?\.[0-9_]*([eE][-+]?[0-9]+)?|[0-9][0-9_]*[eE][-+]?[0-9]+|\.(inf|Inf|INF))|\.(nan|NaN|NAN))$", RegexOptions.CultureInvariant)]
    private static partial Regex NonString();
}
