using Gyre.Sources.Semver;

namespace Gyre.Images.Policies;

/// <summary>
/// Evaluates an ImagePolicy over an ImageRepository's stored tags (image-reflector-controller's applyPolicy):
/// filterTags first, then the policy; the result is the original tag. An invalid range, order or pattern is an
/// <see cref="ImageException"/> with reason InvalidPolicy naming the field; no qualifying tag says which rule refused them.
/// </summary>
public sealed class TagSelector
{
    private readonly ITagPolicy _policy;
    private readonly TagFilter? _filter;

    private TagSelector(ITagPolicy policy, TagFilter? filter)
    {
        _policy = policy;
        _filter = filter;
    }

    /// <summary>Compiles the rules; <paramref name="where"/> is the ImagePolicy (Kind/namespace/name) for messages.</summary>
    public static TagSelector Create(PolicyChoice choice, string where)
    {
        ArgumentNullException.ThrowIfNull(choice);
        var chosen = new[] { choice.SemverRange is not null, choice.Alphabetical is not null, choice.Numerical is not null }.Count(c => c);
        if (chosen != 1)
        {
            throw Invalid(where, "spec.policy", "set exactly one of semver, alphabetical or numerical");
        }

        ITagPolicy policy = choice.SemverRange is { } range ? Semver(range, where)
            : choice.Alphabetical is { } alphabetical ? new AlphabeticalPolicy(Descending(alphabetical, "spec.policy.alphabetical.order", where))
            : new NumericalPolicy(Descending(choice.Numerical!, "spec.policy.numerical.order", where));
        var filter = string.IsNullOrEmpty(choice.FilterPattern) && string.IsNullOrEmpty(choice.FilterExtract)
            ? null
            : new TagFilter(GoRegex.Compile(choice.FilterPattern ?? "", where, "spec.filterTags.pattern", ImageReasons.InvalidPolicy), choice.FilterExtract);
        return new TagSelector(policy, filter);
    }

    /// <summary>The latest tag of <paramref name="tags"/>; <paramref name="image"/> names the repository in messages.</summary>
    public string Latest(IReadOnlyCollection<string> tags, string image, string where)
    {
        ArgumentNullException.ThrowIfNull(tags);
        if (tags.Count == 0)
        {
            throw new ImageException(where, "selecting the latest tag", $"the ImageRepository has no tags for '{image}'", ImageReasons.DependencyNotReady);
        }

        if (_filter is null)
        {
            return _policy.Latest(tags) ?? throw NoMatch(where, image, $"no tag of {tags.Count} matches {_policy.Describe()}");
        }

        var kept = _filter.Apply(tags);
        if (kept.Count == 0)
        {
            throw NoMatch(where, image, $"no tag of {tags.Count} matches spec.filterTags.pattern '{_filter.Pattern}'");
        }

        var latest = _policy.Latest(kept.Keys.ToList())
            ?? throw NoMatch(where, image, $"none of the {kept.Count} tags matching spec.filterTags.pattern satisfies {_policy.Describe()}");
        return kept[latest];
    }

    private static SemverPolicy Semver(string range, string where)
    {
        try
        {
            return new SemverPolicy(SemverConstraint.Parse(range));
        }
        catch (FormatException ex)
        {
            throw Invalid(where, "spec.policy.semver.range", $"'{range}' is not a semver range: {ex.Message}");
        }
    }

    private static bool Descending(string order, string field, string where) => order switch
    {
        "" or "asc" or "ASC" => false,
        "desc" or "DESC" => true,
        _ => throw Invalid(where, field, $"'{order}' is not one of asc, desc"),
    };

    private static ImageException Invalid(string where, string field, string why) =>
        new(where, $"invalid {field}", why, ImageReasons.InvalidPolicy, field);

    private static ImageException NoMatch(string where, string image, string why) =>
        new(where, $"no latest tag for '{image}'", why, ImageReasons.ReadOperationFailed);
}
