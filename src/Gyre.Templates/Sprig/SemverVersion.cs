using System.Globalization;
using System.Text.RegularExpressions;
using Gyre.Templates.Execution;
using Gyre.Templates.Functions;

namespace Gyre.Templates.Sprig;

/// <summary>A Masterminds/semver v3 *Version: loose parsing ("v1.2"), Go-visible methods, precedence comparison.</summary>
internal sealed partial class SemverVersion : IGoValue, IComparable<SemverVersion>
{
    private SemverVersion(ulong major, ulong minor, ulong patch, string pre, string metadata, string original)
    {
        Major = major;
        Minor = minor;
        Patch = patch;
        Prerelease = pre;
        Metadata = metadata;
        Original = original;
    }

    public ulong Major { get; }

    public ulong Minor { get; }

    public ulong Patch { get; }

    public string Prerelease { get; }

    public string Metadata { get; }

    public string Original { get; }

    public string GoType => "*semver.Version";

    public GoKind Kind => GoKind.Pointer;

    [GeneratedRegex(@"^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?(\+([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?$", RegexOptions.CultureInvariant)]
    private static partial Regex VersionPattern();

    public static SemverVersion? TryParse(string v)
    {
        var m = VersionPattern().Match(v);
        if (!m.Success)
        {
            return null;
        }
        if (!ulong.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var major))
        {
            return null;
        }
        ulong minor = 0, patch = 0;
        if (m.Groups[2].Success && !ulong.TryParse(m.Groups[2].Value[1..], NumberStyles.None, CultureInfo.InvariantCulture, out minor))
        {
            return null;
        }
        if (m.Groups[3].Success && !ulong.TryParse(m.Groups[3].Value[1..], NumberStyles.None, CultureInfo.InvariantCulture, out patch))
        {
            return null;
        }
        var pre = m.Groups[5].Success ? m.Groups[5].Value : "";
        foreach (var part in pre.Length == 0 ? [] : pre.Split('.'))
        {
            if (part.Length > 1 && part[0] == '0' && part.All(char.IsAsciiDigit))
            {
                return null;
            }
        }
        return new SemverVersion(major, minor, patch, pre, m.Groups[8].Success ? m.Groups[8].Value : "", v);
    }

    public string Format()
    {
        var s = string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}.{Patch}");
        if (Prerelease.Length > 0)
        {
            s += "-" + Prerelease;
        }
        if (Metadata.Length > 0)
        {
            s += "+" + Metadata;
        }
        return s;
    }

    public TemplateFunction? Method(string name) => name switch
    {
        "Major" => TemplateFunction.Of(_ => Major),
        "Minor" => TemplateFunction.Of(_ => Minor),
        "Patch" => TemplateFunction.Of(_ => Patch),
        "Prerelease" => TemplateFunction.Of(_ => Prerelease),
        "Metadata" => TemplateFunction.Of(_ => Metadata),
        "Original" => TemplateFunction.Of(_ => Original),
        "String" => TemplateFunction.Of(_ => Format()),
        "IncMajor" => TemplateFunction.Of(_ => new SemverVersion(Major + 1, 0, 0, "", "", "")),
        "IncMinor" => TemplateFunction.Of(_ => new SemverVersion(Major, Minor + 1, 0, "", "", "")),
        "IncPatch" => TemplateFunction.Of(_ => Prerelease.Length > 0 ? new SemverVersion(Major, Minor, Patch, "", "", "") : new SemverVersion(Major, Minor, Patch + 1, "", "", "")),
        "Compare" => TemplateFunction.Of(a => (long)CompareTo((SemverVersion)a[0]!), ArgType.Any),
        "LessThan" => TemplateFunction.Of(a => CompareTo((SemverVersion)a[0]!) < 0, ArgType.Any),
        "GreaterThan" => TemplateFunction.Of(a => CompareTo((SemverVersion)a[0]!) > 0, ArgType.Any),
        "Equal" => TemplateFunction.Of(a => CompareTo((SemverVersion)a[0]!) == 0, ArgType.Any),
        _ => null,
    };

    public int CompareTo(SemverVersion? other)
    {
        if (other == null)
        {
            return 1;
        }
        var c = Major.CompareTo(other.Major);
        if (c == 0)
        {
            c = Minor.CompareTo(other.Minor);
        }
        if (c == 0)
        {
            c = Patch.CompareTo(other.Patch);
        }
        return c != 0 ? Math.Sign(c) : ComparePrerelease(Prerelease, other.Prerelease);
    }

    private static int ComparePrerelease(string a, string b)
    {
        if (a == b)
        {
            return 0;
        }
        if (a.Length == 0)
        {
            return 1;
        }
        if (b.Length == 0)
        {
            return -1;
        }
        var pa = a.Split('.');
        var pb = b.Split('.');
        for (var i = 0; i < Math.Max(pa.Length, pb.Length); i++)
        {
            if (i >= pa.Length)
            {
                return -1;
            }
            if (i >= pb.Length)
            {
                return 1;
            }
            var na = ulong.TryParse(pa[i], NumberStyles.None, CultureInfo.InvariantCulture, out var ia);
            var nb = ulong.TryParse(pb[i], NumberStyles.None, CultureInfo.InvariantCulture, out var ib);
            int c;
            if (na && nb)
            {
                c = ia.CompareTo(ib);
            }
            else if (na)
            {
                c = -1;
            }
            else if (nb)
            {
                c = 1;
            }
            else
            {
                c = string.CompareOrdinal(pa[i], pb[i]);
            }
            if (c != 0)
            {
                return Math.Sign(c);
            }
        }
        return 0;
    }
}
