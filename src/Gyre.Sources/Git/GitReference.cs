namespace Gyre.Sources.Git;

/// <summary>
/// spec.ref of a GitRepository. Precedence as Flux documents it: commit over name over semver over tag over branch;
/// with nothing set the branch is <c>master</c>. A commit may be combined with a branch.
/// </summary>
public sealed record GitReference
{
    public string? Branch { get; init; }

    public string? Tag { get; init; }

    public string? Semver { get; init; }

    public string? Name { get; init; }

    public string? Commit { get; init; }

    /// <summary>Flux's default when spec.ref is omitted.</summary>
    public static GitReference Default { get; } = new() { Branch = "master" };

    /// <summary>Throws when a ref could be read by git as an option or is not a valid ref name.</summary>
    public void Validate(string location)
    {
        Check(location, "branch", Branch);
        Check(location, "tag", Tag);
        Check(location, "name", Name);
        if (Name is not null && !Name.StartsWith("refs/", StringComparison.Ordinal) && Name != "HEAD")
        {
            throw Invalid(location, "name", Name, "it must be a full reference such as refs/heads/main or refs/pull/1/head");
        }

        if (Commit is not null && !(Commit.Length is 40 or 64 && Commit.All(char.IsAsciiHexDigitLower)))
        {
            throw Invalid(location, "commit", Commit, "it must be a full lower-case commit hash (40 or 64 hex digits)");
        }

        if (Semver is not null)
        {
            try
            {
                Sources.Semver.SemverConstraint.Parse(Semver);
            }
            catch (FormatException ex)
            {
                throw Invalid(location, "semver", Semver, ex.Message);
            }
        }
    }

    // git check-ref-format rules, plus no leading '-' so a ref can never become an option.
    private static void Check(string location, string field, string? value)
    {
        if (value is null)
        {
            return;
        }

        var bad = value.Length == 0 || value.StartsWith('-') || value.StartsWith('/') || value.EndsWith('/') || value.EndsWith('.')
            || value.EndsWith(".lock", StringComparison.Ordinal) || value.Contains("..", StringComparison.Ordinal)
            || value.Contains("@{", StringComparison.Ordinal) || value.Contains("//", StringComparison.Ordinal) || value == "@"
            || value.Any(ch => ch < 0x20 || ch == 0x7f || " ~^:?*[\\".Contains(ch, StringComparison.Ordinal))
            || value.Split('/').Any(part => part.StartsWith('.'));
        if (bad)
        {
            throw Invalid(location, field, value, "it is not a valid git reference name");
        }
    }

    private static SourceException Invalid(string location, string field, string value, string why) =>
        new(location, $"invalid spec.ref.{field} '{value}'", why, SourceReasons.GitOperationFailed);
}
