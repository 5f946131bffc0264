using System.Text;
using System.Text.RegularExpressions;

namespace Gyre.Images;

/// <summary>
/// Flux's tag patterns are Go (RE2) regular expressions: <c>(?P&lt;name&gt;…)</c> groups are translated to .NET's
/// form, and <see cref="Expand"/> follows Go's Regexp.Expand for filterTags.extract (<c>$name</c>, <c>${name}</c>, <c>$1</c>, <c>$$</c>).
/// </summary>
internal static class GoRegex
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    /// <summary>Compiles <paramref name="pattern"/>; a syntax error is an <see cref="ImageException"/> naming <paramref name="field"/>.</summary>
    public static Regex Compile(string pattern, string where, string field, string reason)
    {
        try
        {
            return new Regex(pattern.Replace("(?P<", "(?<", StringComparison.Ordinal), RegexOptions.CultureInvariant, MatchTimeout);
        }
        catch (ArgumentException ex)
        {
            throw new ImageException(where, $"invalid regular expression in {field}", $"'{pattern}': {ex.Message}", reason, field, ex);
        }
    }

    /// <summary>Go's Expand: <c>$name</c> takes the longest run of letters, digits and '_'; an unknown group expands to nothing.</summary>
    public static string Expand(Regex regex, Match match, string template)
    {
        var result = new StringBuilder();
        for (var i = 0; i < template.Length; i++)
        {
            if (template[i] != '$' || i + 1 >= template.Length)
            {
                result.Append(template[i]);
                continue;
            }

            if (template[i + 1] == '$')
            {
                result.Append('$');
                i++;
                continue;
            }

            string name;
            if (template[i + 1] == '{')
            {
                var end = template.IndexOf('}', i + 2);
                if (end < 0)
                {
                    result.Append('$');
                    continue;
                }

                name = template[(i + 2)..end];
                i = end;
            }
            else
            {
                var start = i + 1;
                var end = start;
                while (end < template.Length && (char.IsAsciiLetterOrDigit(template[end]) || template[end] == '_'))
                {
                    end++;
                }

                if (end == start)
                {
                    result.Append('$');
                    continue;
                }

                name = template[start..end];
                i = end - 1;
            }

            result.Append(GroupValue(regex, match, name));
        }

        return result.ToString();
    }

    private static string GroupValue(Regex regex, Match match, string name)
    {
        var number = int.TryParse(name, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : -1;
        if (number >= 0)
        {
            return number < match.Groups.Count && regex.GroupNameFromNumber(number) == name ? match.Groups[number].Value : "";
        }

        return regex.GroupNumberFromName(name) >= 0 ? match.Groups[name].Value : "";
    }
}
