using System.Text.Json.Nodes;
using Gyre.Notifications.Events;

namespace Gyre.Notifications.Providers.CommitStatus;

/// <summary>
/// github: POST /repos/{owner}/{repo}/statuses/{sha} (api.github.com, or /api/v3 on GitHub Enterprise hosts) with the
/// token as Bearer: success for the final info event, failure for errors.
/// </summary>
internal sealed class GitHubNotifier(ProviderSettings settings) : INotifier
{
    private readonly RepositoryAddress _repo = RepositoryAddress.Parse(settings);
    private readonly string _token = settings.RequireToken();

    public static string ApiBase(RepositoryAddress repo) =>
        repo.Host == "github.com" ? "https://api.github.com" : repo.Origin + "/api/v3";

    public NotificationRequest? Build(FluxEvent ev)
    {
        if (CommitStatusEvent.From(ev, settings) is not { } status)
        {
            return null;
        }

        var body = new JsonObject
        {
            ["state"] = status.Failed ? "failure" : "success",
            ["context"] = status.Context,
            ["description"] = Payload.Truncate(status.Description, 140),
        };
        return Payload.Post($"{ApiBase(_repo)}/repos/{_repo.Owner}/{_repo.Repository}/statuses/{status.Sha}", body,
            Payload.Bearer(_token), Payload.Header("Accept", "application/vnd.github+json"), Payload.Header("X-GitHub-Api-Version", "2022-11-28"));
    }
}
