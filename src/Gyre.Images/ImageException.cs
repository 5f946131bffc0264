namespace Gyre.Images;

/// <summary>
/// The one failure type of the image engine: the message reads <c>&lt;where&gt;: &lt;what failed&gt;: &lt;why&gt;</c>,
/// <see cref="Field"/> names the spec field at fault (null when the failure is not the spec's) and <see cref="Reason"/>
/// is the Flux condition reason a reconciler reports.
/// </summary>
public sealed class ImageException : Exception
{
    public ImageException(string location, string what, string why, string reason, string? field = null, Exception? inner = null)
        : base($"{location}: {what}: {why}", inner)
    {
        Location = location;
        Reason = reason;
        Field = field;
    }

    public string Location { get; }

    public string Reason { get; }

    /// <summary>The spec field at fault (e.g. spec.exclusionList[1]); a spec fault cannot be fixed by retrying.</summary>
    public string? Field { get; }
}
