using Gyre.Sources.Semver;

namespace Gyre.Sources.Git;

/// <summary>Maps spec.ref onto the advertised refs, as source-controller's checkout strategies do.</summary>
internal static class GitRefResolver
{
    /// <summary>The ls-remote patterns needed for a reference (null: list all tags).</summary>
    public static IReadOnlyList<string> Patterns(GitReference reference) => reference switch
    {
        { Name: { } name } => [name, name + "^{}"],
        { Semver: not null } => [],
        { Tag: { } tag } => ["refs/tags/" + tag, "refs/tags/" + tag + "^{}"],
        _ => ["refs/heads/" + (reference.Branch ?? "master")],
    };

    public static ResolvedRef Resolve(GitReference reference, RemoteRefs refs, string location)
    {
        if (reference.Name is { } name)
        {
            return new ResolvedRef(name, name, refs.CommitOf(name) ?? throw NotFound(location, "reference", name));
        }

        if (reference.Semver is { } range)
        {
            var tag = SemverTags.Highest(refs.TagNames, SemverConstraint.Parse(range))
                ?? throw NotFound(location, "tag matching semver range", range);
            return new ResolvedRef("refs/tags/" + tag, tag, refs.CommitOf("refs/tags/" + tag));
        }

        if (reference.Tag is { } t)
        {
            return new ResolvedRef("refs/tags/" + t, t, refs.CommitOf("refs/tags/" + t) ?? throw NotFound(location, "tag", t));
        }

        var branch = reference.Branch ?? "master";
        return new ResolvedRef("refs/heads/" + branch, branch, refs.CommitOf("refs/heads/" + branch) ?? throw NotFound(location, "branch", branch));
    }

    private static SourceException NotFound(string location, string what, string name) =>
        new(location, "resolving spec.ref", $"{what} '{name}' not found on the remote", SourceReasons.GitOperationFailed, isTransient: true);
}
