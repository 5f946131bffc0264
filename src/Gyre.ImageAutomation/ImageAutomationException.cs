namespace Gyre.ImageAutomation;

/// <summary>
/// The one failure type of the image automation engine. The message reads <c>&lt;where&gt;: &lt;what failed&gt;: &lt;why&gt;</c>;
/// <see cref="Reason"/> is the image-automation-controller condition reason a reconciler reports.
/// </summary>
public sealed class ImageAutomationException : Exception
{
    public ImageAutomationException(string location, string what, string why, string reason, bool isTransient = false, Exception? inner = null)
        : base($"{location}: {what}: {why}", inner)
    {
        Location = location;
        Reason = reason;
        IsTransient = isTransient;
    }

    /// <summary>The file, path, template or redacted URL the failure is about.</summary>
    public string Location { get; }

    /// <summary>One of <see cref="ImageAutomationReasons"/>.</summary>
    public string Reason { get; }

    /// <summary>Whether retrying the same input can succeed (network, a remote that moved on) or not (bad template, bad path).</summary>
    public bool IsTransient { get; }
}
