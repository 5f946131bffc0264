using System.Text;
using System.Text.RegularExpressions;

namespace Gyre.Helm.Rendering;

/// <summary>gobwas/glob with '/' as separator, as .Files.Glob uses it: * ? [..] [!..] {a,b} and ** across directories.</summary>
internal static class GlobPattern
{
    public static string ToRegex(string pattern)
    {
        var sb = new StringBuilder();
        var braces = 0;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '*' when i + 1 < pattern.Length && pattern[i + 1] == '*':
                    sb.Append(".*");
                    i++;
                    break;
                case '*':
                    sb.Append("[^/]*");
                    break;
                case '?':
                    sb.Append("[^/]");
                    break;
                case '[':
                    var end = pattern.IndexOf(']', i + 1);
                    if (end < 0)
                    {
                        throw new ArgumentException("unclosed [ in glob", nameof(pattern));
                    }
                    var body = pattern[(i + 1)..end];
                    sb.Append('[').Append(body.StartsWith('!') ? "^" + body[1..] : body).Append(']');
                    i = end;
                    break;
                case '{':
                    braces++;
                    sb.Append("(?:");
                    break;
                case '}' when braces > 0:
                    braces--;
                    sb.Append(')');
                    break;
                case ',' when braces > 0:
                    sb.Append('|');
                    break;
                case '\\' when i + 1 < pattern.Length:
                    sb.Append(Regex.Escape(pattern[++i].ToString()));
                    break;
                default:
                    sb.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }
        if (braces > 0)
        {
            throw new ArgumentException("unclosed { in glob", nameof(pattern));
        }
        return sb.ToString();
    }
}
