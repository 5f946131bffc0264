using System.Text.Json.Nodes;
using Gyre.Notifications.Events;

namespace Gyre.Notifications.Providers.CommitStatus;

/// <summary>gitea: POST /api/v1/repos/{owner}/{repo}/statuses/{sha} with `Authorization: token …`; state success or failure.</summary>
internal sealed class GiteaNotifier(ProviderSettings settings) : INotifier
{
    private readonly RepositoryAddress _repo = RepositoryAddress.Parse(settings);
    private readonly string _token = settings.RequireToken();

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
            ["description"] = status.Description,
        };
        return Payload.Post($"{_repo.Origin}/api/v1/repos/{_repo.Owner}/{_repo.Repository}/statuses/{status.Sha}", body,
            Payload.Header("Authorization", "token " + _token));
    }
}
