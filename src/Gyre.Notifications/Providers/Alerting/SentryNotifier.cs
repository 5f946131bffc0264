using System.Text.Json.Nodes;
using Gyre.Notifications.Events;

namespace Gyre.Notifications.Providers.Alerting;

/// <summary>
/// sentry: the address is the project DSN (`https://&lt;key&gt;@&lt;host&gt;/&lt;project&gt;`); the event goes to the store
/// endpoint with the `X-Sentry-Auth` header, level error/info, spec.channel as the environment, metadata as tags.
/// </summary>
internal sealed class SentryNotifier : INotifier
{
    private readonly ProviderSettings _settings;
    private readonly Uri _store;
    private readonly string _auth;

    public SentryNotifier(ProviderSettings settings)
    {
        _settings = settings;
        if (!Uri.TryCreate(settings.RequireAddress(), UriKind.Absolute, out var dsn) || dsn.UserInfo.Length == 0 || dsn.AbsolutePath.Trim('/').Length == 0)
        {
            throw new NotificationException(settings.Where, "the sentry address must be a DSN like https://<key>@<host>/<project>");
        }

        var path = dsn.AbsolutePath.Trim('/');
        var project = path[(path.LastIndexOf('/') + 1)..];
        var prefix = path.Length > project.Length ? "/" + path[..^(project.Length + 1)] : string.Empty;
        _store = new Uri($"{dsn.Scheme}://{dsn.Authority}{prefix}/api/{project}/store/");
        _auth = $"Sentry sentry_version=7, sentry_client=gyre/1.0, sentry_key={dsn.UserInfo.Split(':')[0]}";
    }

    public NotificationRequest Build(FluxEvent ev)
    {
        var tags = new JsonObject
        {
            ["kind"] = ev.InvolvedObject.Kind, ["name"] = ev.InvolvedObject.Name, ["namespace"] = ev.InvolvedObject.Namespace, ["reason"] = ev.Reason,
        };
        foreach (var (key, value) in Payload.SortedMetadata(ev))
        {
            tags[key] = Payload.Truncate(value, 200);
        }

        var body = new JsonObject
        {
            ["event_id"] = Payload.Id(ev),
            ["timestamp"] = FluxEventJson.FormatTime(ev.Timestamp),
            ["level"] = ev.IsError ? "error" : "info",
            ["logger"] = ev.ReportingController,
            ["platform"] = "other",
            ["server_name"] = ev.ReportingInstance ?? ev.ReportingController,
            ["message"] = new JsonObject { ["formatted"] = ev.Message },
            ["tags"] = tags,
            ["extra"] = new JsonObject { ["involvedObject"] = ev.InvolvedObject.ToString() },
        };
        if (_settings.Channel is { Length: > 0 } environment)
        {
            body["environment"] = environment;
        }

        return new NotificationRequest(HttpMethod.Post, _store, Payload.Json(body), [Payload.Header("X-Sentry-Auth", _auth)]);
    }
}
