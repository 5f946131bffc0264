using Gyre.Templates.Functions;
using static Gyre.Templates.Sprig.SprigFunctions;

namespace Gyre.Templates.Sprig;

/// <summary>Sprig's semver and semverCompare (Masterminds/semver v3).</summary>
internal static class SemverFunctions
{
    public static void Register(Dictionary<string, TemplateFunction> m)
    {
        m["semver"] = F(a => SemverVersion.TryParse(S(a[0])) ?? throw new TemplateFunctionException("Invalid Semantic Version"), ArgType.String);
        m["semverCompare"] = F(a => SemverConstraint.Check(S(a[0]), SemverVersion.TryParse(S(a[1])) ?? throw new TemplateFunctionException("Invalid Semantic Version")),
            ArgType.String, ArgType.String);
    }
}
