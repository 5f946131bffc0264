using System.Globalization;

namespace Gyre.Manifests.Yaml;

/// <summary>
/// The escape libyaml's emitter writes for a character in a double-quoted scalar: the short forms (\n, \t, \N, \_, \L,
/// \P …), else \xXX, \uXXXX or \UXXXXXXXX. Written by <see cref="YamlEmitter"/>.
/// </summary>
internal static class YamlEscape
{
    public static string Sequence(int codePoint)
    {
        var shortForm = codePoint switch
        {
            0x00 => '0',
            0x07 => 'a',
            0x08 => 'b',
            0x09 => 't',
            0x0A => 'n',
            0x0B => 'v',
            0x0C => 'f',
            0x0D => 'r',
            0x1B => 'e',
            0x22 => '"',
            0x5C => '\\',
            0x85 => 'N',
            0xA0 => '_',
            0x2028 => 'L',
            0x2029 => 'P',
            _ => '\0',
        };
        if (shortForm != '\0')
        {
            return "\\" + shortForm;
        }

        var (prefix, width) = codePoint <= 0xFF ? ('x', 2) : codePoint <= 0xFFFF ? ('u', 4) : ('U', 8);
        return "\\" + prefix + codePoint.ToString("X" + width.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }
}
