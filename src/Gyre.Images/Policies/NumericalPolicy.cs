using System.Globalization;

namespace Gyre.Images.Policies;

/// <summary>
/// policy.numerical: tags read as floating-point numbers; order asc picks the largest, desc the smallest. As in
/// Flux, one tag that is not a number fails the evaluation (filter the tags first with filterTags).
/// </summary>
internal sealed class NumericalPolicy(bool descending) : ITagPolicy
{
    public string Describe() => $"numerical order {(descending ? "desc" : "asc")}";

    public string? Latest(IReadOnlyCollection<string> tags)
    {
        string? latest = null;
        var best = 0d;
        foreach (var tag in tags.Order(StringComparer.Ordinal))
        {
            if (!double.TryParse(tag, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                throw new ImageException($"tag '{tag}'", "evaluating the numerical policy", $"'{tag}' is not a number; select numeric tags with spec.filterTags",
                    ImageReasons.ReadOperationFailed);
            }

            if (latest is null || (descending ? value <= best : value >= best))
            {
                (latest, best) = (tag, value);
            }
        }

        return latest;
    }
}
