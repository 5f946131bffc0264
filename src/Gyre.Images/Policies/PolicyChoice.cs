namespace Gyre.Images.Policies;

/// <summary>
/// An ImagePolicy's selection rules as plain data: exactly one of <see cref="SemverRange"/>, <see cref="Alphabetical"/>
/// or <see cref="Numerical"/> (order "asc" or "desc"), and the optional filterTags pattern and extract template.
/// </summary>
public sealed record PolicyChoice
{
    public string? SemverRange { get; init; }

    /// <summary>policy.alphabetical.order; null when the alphabetical policy is not chosen.</summary>
    public string? Alphabetical { get; init; }

    /// <summary>policy.numerical.order; null when the numerical policy is not chosen.</summary>
    public string? Numerical { get; init; }

    public string? FilterPattern { get; init; }

    public string? FilterExtract { get; init; }
}
