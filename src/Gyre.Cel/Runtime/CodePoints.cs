using System.Globalization;
using System.Text;

namespace Gyre.Cel.Runtime;

/// <summary>CEL strings are sequences of Unicode code points, not UTF-16 units: sizes and indexes count runes.</summary>
internal static class CodePoints
{
    public static int Count(string s)
    {
        var count = 0;
        foreach (var _ in s.EnumerateRunes())
        {
            count++;
        }

        return count;
    }

    public static Rune[] Of(string s) => [.. s.EnumerateRunes()];

    public static string Join(ReadOnlySpan<Rune> runes)
    {
        var text = new StringBuilder(runes.Length);
        foreach (var rune in runes)
        {
            text.Append(rune.ToString());
        }

        return text.ToString();
    }

    public static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
