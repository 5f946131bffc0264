using System.Text.Json.Nodes;
using Gyre.Notifications.Events;

namespace Gyre.Notifications.Providers.CommitStatus;

/// <summary>
/// azuredevops: the address is https://dev.azure.com/{org}/{project}/_git/{repo}; POST
/// {org}/{project}/_apis/git/repositories/{repo}/commits/{sha}/statuses?api-version=6.0 with the PAT as basic auth,
/// state succeeded or failed, context {genre fluxcd, name}.
/// </summary>
internal sealed class AzureDevOpsNotifier : INotifier
{
    private readonly ProviderSettings _settings;
    private readonly string _api;
    private readonly string _token;

    public AzureDevOpsNotifier(ProviderSettings settings)
    {
        _settings = settings;
        _token = settings.RequireToken();
        var address = settings.RequireAddress();
        var uri = Uri.TryCreate(address, UriKind.Absolute, out var u) ? u : null;
        var parts = uri?.AbsolutePath.Trim('/').Split('/') ?? [];
        var git = Array.IndexOf(parts, "_git");
        if (uri is null || git < 1 || git != parts.Length - 2)
        {
            throw new NotificationException(settings.Where, $"address '{address}' is not an Azure DevOps repository URL like https://dev.azure.com/<org>/<project>/_git/<repo>");
        }

        _api = $"{uri.Scheme}://{uri.Authority}/{string.Join('/', parts[..git])}/_apis/git/repositories/{parts[^1]}";
    }

    public NotificationRequest? Build(FluxEvent ev)
    {
        if (CommitStatusEvent.From(ev, _settings) is not { } status)
        {
            return null;
        }

        var body = new JsonObject
        {
            ["state"] = status.Failed ? "failed" : "succeeded",
            ["description"] = status.Description,
            ["context"] = new JsonObject { ["genre"] = "fluxcd", ["name"] = status.Context },
        };
        return Payload.Post($"{_api}/commits/{status.Sha}/statuses?api-version=6.0", body, Payload.Basic(string.Empty, _token));
    }
}
