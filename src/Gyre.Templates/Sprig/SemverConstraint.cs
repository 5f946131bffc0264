using System.Globalization;
using System.Text.RegularExpressions;
using Gyre.Templates.Functions;

namespace Gyre.Templates.Sprig;

/// <summary>Masterminds/semver v3 constraints: ||-separated groups of comma/space-separated comparisons, with ~ ^ x-ranges and hyphen ranges.</summary>
internal static partial class SemverConstraint
{
    [GeneratedRegex(@"^\s*(=|!=|>=|=>|<=|=<|>|<|~>|~|\^)?\s*v?([0-9xX*]+)(\.[0-9xX*]+)?(\.[0-9xX*]+)?(-[0-9A-Za-z\-.]+)?(\+[0-9A-Za-z\-.]+)?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Comparison();

    public static bool Check(string constraint, SemverVersion v)
    {
        foreach (var group in constraint.Split("||"))
        {
            var all = true;
            foreach (var c in Terms(group, constraint))
            {
                if (!c(v))
                {
                    all = false;
                    break;
                }
            }
            if (all)
            {
                return true;
            }
        }
        return false;
    }

    private static List<Func<SemverVersion, bool>> Terms(string group, string whole)
    {
        var result = new List<Func<SemverVersion, bool>>();
        var g = group.Trim();
        var hyphen = Regex.Match(g, @"^(\S+)\s+-\s+(\S+)$", RegexOptions.None, TimeSpan.FromSeconds(1));
        if (hyphen.Success)
        {
            result.AddRange(Terms(">=" + hyphen.Groups[1].Value, whole));
            result.AddRange(Terms("<=" + hyphen.Groups[2].Value, whole));
            return result;
        }
        var normalized = Regex.Replace(g, @"(=|!=|>=|=>|<=|=<|>|<|~>|~|\^)\s+", "$1", RegexOptions.None, TimeSpan.FromSeconds(1));
        foreach (var term in normalized.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries))
        {
            result.Add(Parse(term, whole));
        }
        if (result.Count == 0)
        {
            throw new TemplateFunctionException("improper constraint: " + whole);
        }
        return result;
    }

    private static Func<SemverVersion, bool> Parse(string term, string whole)
    {
        var m = Comparison().Match(term);
        if (!m.Success)
        {
            throw new TemplateFunctionException("improper constraint: " + whole);
        }
        var op = m.Groups[1].Value;
        static bool IsWild(string s) => s is "x" or "X" or "*";
        var parts = new[] { m.Groups[2].Value, m.Groups[3].Success ? m.Groups[3].Value[1..] : "", m.Groups[4].Success ? m.Groups[4].Value[1..] : "" };
        var wildIndex = Array.FindIndex(parts, p => p.Length == 0 || IsWild(p));
        var nums = parts.Select(p => p.Length == 0 || IsWild(p) ? 0UL : ulong.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        var pre = m.Groups[5].Success ? m.Groups[5].Value[1..] : "";
        var text = string.Create(CultureInfo.InvariantCulture, $"{nums[0]}.{nums[1]}.{nums[2]}") + (pre.Length > 0 ? "-" + pre : "");
        var cv = SemverVersion.TryParse(text) ?? throw new TemplateFunctionException("improper constraint: " + whole);
        SemverVersion Upper(int index) => SemverVersion.TryParse(index switch
        {
            0 => string.Create(CultureInfo.InvariantCulture, $"{nums[0] + 1}.0.0"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{nums[0]}.{nums[1] + 1}.0"),
        })!;
        bool PreOk(SemverVersion v) => v.Prerelease.Length == 0 || pre.Length > 0;
        switch (op)
        {
            case "" or "=":
                if (wildIndex == 0)
                {
                    return v => PreOk(v);
                }
                if (wildIndex > 0)
                {
                    return v => PreOk(v) && v.CompareTo(cv) >= 0 && v.CompareTo(Upper(wildIndex - 1)) < 0;
                }
                return v => v.CompareTo(cv) == 0;
            case "!=":
                if (wildIndex > 0)
                {
                    return v => PreOk(v) && !(v.CompareTo(cv) >= 0 && v.CompareTo(Upper(wildIndex - 1)) < 0);
                }
                return v => PreOk(v) && v.CompareTo(cv) != 0;
            case ">":
                if (wildIndex > 0)
                {
                    return v => PreOk(v) && v.CompareTo(Upper(wildIndex - 1)) >= 0;
                }
                return v => PreOk(v) && v.CompareTo(cv) > 0;
            case ">=" or "=>":
                return v => PreOk(v) && v.CompareTo(cv) >= 0;
            case "<":
                return v => PreOk(v) && v.CompareTo(cv) < 0;
            case "<=" or "=<":
                if (wildIndex > 0)
                {
                    return v => PreOk(v) && v.CompareTo(Upper(wildIndex - 1)) < 0;
                }
                return v => PreOk(v) && v.CompareTo(cv) <= 0;
            case "~" or "~>":
                var tildeUpper = wildIndex == 1 ? Upper(0) : Upper(1);
                return v => PreOk(v) && v.CompareTo(cv) >= 0 && v.CompareTo(tildeUpper) < 0;
            default:
                SemverVersion caretUpper = nums[0] > 0 || wildIndex == 1 ? Upper(0) : nums[1] > 0 || wildIndex == 2 ? Upper(1)
                    : SemverVersion.TryParse(string.Create(CultureInfo.InvariantCulture, $"0.0.{nums[2] + 1}"))!;
                return v => PreOk(v) && v.CompareTo(cv) >= 0 && v.CompareTo(caretUpper) < 0;
        }
    }
}
