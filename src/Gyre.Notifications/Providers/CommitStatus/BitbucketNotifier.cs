using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Gyre.Notifications.Events;

namespace Gyre.Notifications.Providers.CommitStatus;

/// <summary>
/// bitbucket (Cloud): POST /2.0/repositories/{workspace}/{repo}/commit/{sha}/statuses/build with basic auth from
/// the token `&lt;username&gt;:&lt;app password&gt;`; state SUCCESSFUL or FAILED, `key` ≤ 40 characters from the context.
/// </summary>
internal sealed class BitbucketNotifier : INotifier
{
    private readonly ProviderSettings _settings;
    private readonly RepositoryAddress _repo;
    private readonly string _user;
    private readonly string _password;

    public BitbucketNotifier(ProviderSettings settings)
    {
        _settings = settings;
        _repo = RepositoryAddress.Parse(settings);
        var token = settings.RequireToken();
        var colon = token.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            throw new NotificationException(settings.Where, "the bitbucket token must be '<username>:<app password>'");
        }

        (_user, _password) = (token[..colon], token[(colon + 1)..]);
    }

    public NotificationRequest? Build(FluxEvent ev)
    {
        if (CommitStatusEvent.From(ev, _settings) is not { } status)
        {
            return null;
        }

        var key = status.Context.Length <= 40 ? status.Context : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(status.Context)))[..40];
        var body = new JsonObject
        {
            ["state"] = status.Failed ? "FAILED" : "SUCCESSFUL",
            ["key"] = key,
            ["name"] = status.Context,
            ["description"] = status.Description,
            ["url"] = _repo.Origin + "/" + _repo.Owner + "/" + _repo.Repository,
        };
        var api = _repo.Host == "bitbucket.org" ? "https://api.bitbucket.org/2.0" : _repo.Origin + "/2.0";
        return Payload.Post($"{api}/repositories/{_repo.Owner}/{_repo.Repository}/commit/{status.Sha}/statuses/build", body, Payload.Basic(_user, _password));
    }
}
