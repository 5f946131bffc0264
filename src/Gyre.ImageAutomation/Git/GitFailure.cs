using Gyre.Sources;

namespace Gyre.ImageAutomation.Git;

/// <summary>Maps Gyre.Sources' git failures onto image-automation-controller's reasons.</summary>
internal static class GitFailure
{
    public static ImageAutomationException From(SourceException ex) => new(
        ex.Location,
        "git operation failed",
        ex.Message.StartsWith(ex.Location + ": ", StringComparison.Ordinal) ? ex.Message[(ex.Location.Length + 2)..] : ex.Message,
        ex.Reason is SourceReasons.UrlInvalid or SourceReasons.InsecureConnectionsDisallowed
            ? ImageAutomationReasons.InvalidSourceConfiguration : ImageAutomationReasons.GitOperationFailed,
        ex.IsTransient,
        ex);
}
