using System.Text.Json.Nodes;
using Gyre.Notifications.Events;
using Gyre.Notifications.Providers.CommitStatus;

namespace Gyre.Notifications.Providers.Alerting;

/// <summary>
/// githubdispatch: a repository_dispatch (POST /repos/{owner}/{repo}/dispatches) whose event_type is
/// `&lt;Kind&gt;/&lt;name&gt;.&lt;namespace&gt;` and whose client_payload is the Flux event, so workflows can react to it.
/// </summary>
internal sealed class GitHubDispatchNotifier(ProviderSettings settings) : INotifier
{
    private readonly RepositoryAddress _repo = RepositoryAddress.Parse(settings);
    private readonly string _token = settings.RequireToken();

    public NotificationRequest Build(FluxEvent ev)
    {
        var body = new JsonObject
        {
            ["event_type"] = $"{ev.InvolvedObject.Kind}/{ev.InvolvedObject.Name}.{ev.InvolvedObject.Namespace}",
            ["client_payload"] = FluxEventJson.ToJson(ev),
        };
        return Payload.Post($"{GitHubNotifier.ApiBase(_repo)}/repos/{_repo.Owner}/{_repo.Repository}/dispatches", body,
            Payload.Bearer(_token), Payload.Header("Accept", "application/vnd.github+json"));
    }
}
