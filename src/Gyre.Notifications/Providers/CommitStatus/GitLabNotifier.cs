using System.Text.Json.Nodes;
using Gyre.Notifications.Events;

namespace Gyre.Notifications.Providers.CommitStatus;

/// <summary>
/// gitlab: POST /api/v4/projects/{url-encoded owner/repo}/statuses/{sha} with `PRIVATE-TOKEN`; state success or
/// failed, `name` = the context.
/// </summary>
internal sealed class GitLabNotifier(ProviderSettings settings) : INotifier
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
            ["state"] = status.Failed ? "failed" : "success",
            ["name"] = status.Context,
            ["description"] = status.Description,
        };
        var project = Uri.EscapeDataString(_repo.Owner + "/" + _repo.Repository);
        return Payload.Post($"{_repo.Origin}/api/v4/projects/{project}/statuses/{status.Sha}", body, Payload.Header("PRIVATE-TOKEN", _token));
    }
}
