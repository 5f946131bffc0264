using System.Text.Json.Nodes;
using Gyre.Notifications.Events;
using Gyre.Notifications.Providers;
using Gyre.Notifications.Tests.Support;

namespace Gyre.Notifications.Tests.Providers;

/// <summary>Incident, observability and dispatch providers against their services' documented APIs.</summary>
public sealed class AlertingProviderTests(ProviderRig rig) : IClassFixture<ProviderRig>
{
    private string Url(string path = "") => rig.Server.Origin + path;

    [Fact]
    public async Task Pagerduty_triggers_an_Events_v2_alert_for_an_error()
    {
        var settings = ProviderRig.Settings(ProviderTypes.PagerDuty) with { Address = Url(), Channel = "R0UT1NGK3Y" };

        var received = await rig.SendAsync(settings, TestEvents.Failed());

        Assert.Equal("/v2/enqueue", received.Path);
        var body = received.Json;
        Assert.Equal("R0UT1NGK3Y", (string?)body["routing_key"]);
        Assert.Equal("trigger", (string?)body["event_action"]);
        Assert.Equal("Kustomization/flux-system/podinfo", (string?)body["dedup_key"]);
        var payload = body["payload"]!;
        Assert.StartsWith("kustomization/podinfo.flux-system: health check failed", (string?)payload["summary"], StringComparison.Ordinal);
        Assert.Equal("kustomize-controller", (string?)payload["source"]);
        Assert.Contains((string?)payload["severity"], new[] { "critical", "error", "warning", "info" });
        Assert.Equal("2026-12-07T10:30:15Z", (string?)payload["timestamp"]);
    }

    [Fact]
    public async Task Pagerduty_resolves_the_objects_alert_on_an_info_event()
    {
        var settings = ProviderRig.Settings(ProviderTypes.PagerDuty) with { Address = Url(), Channel = "R0UT1NGK3Y" };

        var body = (await rig.SendAsync(settings, TestEvents.Succeeded())).Json;

        Assert.Equal("resolve", (string?)body["event_action"]);
        Assert.Equal("Kustomization/flux-system/podinfo", (string?)body["dedup_key"]);
        Assert.Null(body["payload"]);
    }

    [Fact]
    public async Task Opsgenie_creates_an_alert_with_the_GenieKey_header()
    {
        var settings = ProviderRig.Settings(ProviderTypes.Opsgenie) with { Address = Url("/v2/alerts"), Token = "genie" };

        var received = await rig.SendAsync(settings, TestEvents.Failed());

        Assert.Equal("GenieKey genie", received.Header("Authorization"));
        Assert.Equal("kustomization/podinfo.flux-system", (string?)received.Json["message"]);
        Assert.Equal(TestEvents.Failed().Message, (string?)received.Json["description"]);
        Assert.Equal("main@sha1:" + TestEvents.Sha, (string?)received.Json["details"]!["kustomize.toolkit.fluxcd.io/revision"]);
    }

    [Fact]
    public async Task Alertmanager_receives_an_array_of_alerts_with_labels_and_annotations()
    {
        var alert = TestEvents.Failed();
        alert = alert with { Metadata = new Dictionary<string, string>(alert.Metadata) { ["summary"] = "prod" } };

        var received = await rig.SendAsync(ProviderRig.Settings(ProviderTypes.Alertmanager) with { Address = Url("/api/v2/alerts") }, alert);

        Assert.Equal("/api/v2/alerts", received.Path);
        var first = received.Json.AsArray().Single()!;
        Assert.Equal("FluxKustomizationHealthCheckFailed", (string?)first["labels"]!["alertname"]);
        Assert.Equal("error", (string?)first["labels"]!["severity"]);
        Assert.Equal("main@sha1:" + TestEvents.Sha, (string?)first["labels"]!["revision"]);
        Assert.Equal("prod", (string?)first["annotations"]!["summary"]);
        Assert.Equal(alert.Message, (string?)first["annotations"]!["message"]);
        Assert.Equal("2026-12-07T10:30:15Z", (string?)first["startsAt"]);
    }

    [Fact]
    public async Task Grafana_posts_a_tagged_annotation_in_epoch_milliseconds()
    {
        var settings = ProviderRig.Settings(ProviderTypes.Grafana) with { Address = Url("/api/annotations"), Token = "glsa_x" };

        var received = await rig.SendAsync(settings, TestEvents.Succeeded());

        Assert.Equal("Bearer glsa_x", received.Header("Authorization"));
        Assert.Equal(TestEvents.Time.ToUnixTimeMilliseconds(), (long)received.Json["time"]!);
        var tags = received.Json["tags"]!.AsArray().Select(t => (string)t!).ToList();
        Assert.Contains("flux", tags);
        Assert.Contains("kustomize.toolkit.fluxcd.io/revision: main@sha1:" + TestEvents.Sha, tags);
    }

    [Fact]
    public async Task Grafana_uses_basic_auth_when_given_a_username_and_password()
    {
        var settings = ProviderRig.Settings(ProviderTypes.Grafana) with { Address = Url("/api/annotations"), Username = "admin", Password = "pw" };

        var received = await rig.SendAsync(settings, TestEvents.Succeeded());

        Assert.Equal("Basic YWRtaW46cHc=", received.Header("Authorization"));
    }

    [Fact]
    public async Task Datadog_posts_an_event_with_the_api_key_header_and_flux_tags()
    {
        var settings = ProviderRig.Settings(ProviderTypes.Datadog) with { Address = Url(), Token = "dd-key" };

        var received = await rig.SendAsync(settings, TestEvents.Failed());

        Assert.Equal("/api/v1/events", received.Path);
        Assert.Equal("dd-key", received.Header("DD-API-KEY"));
        Assert.Equal("error", (string?)received.Json["alert_type"]);
        Assert.Equal(TestEvents.Time.ToUnixTimeSeconds(), (long)received.Json["date_happened"]!);
        Assert.Contains("flux_involved_object_kind:Kustomization", received.Json["tags"]!.AsArray().Select(t => (string)t!));
    }

    [Fact]
    public async Task Sentry_stores_an_event_for_the_DSNs_project_with_the_auth_header()
    {
        var dsn = $"http://publickey@{new Uri(Url()).Authority}/42";
        var settings = ProviderRig.Settings(ProviderTypes.Sentry) with { Address = dsn, Channel = "production" };

        var received = await rig.SendAsync(settings, TestEvents.Failed());

        Assert.Equal("/api/42/store/", received.Path);
        Assert.Contains("sentry_key=publickey", received.Header("X-Sentry-Auth"), StringComparison.Ordinal);
        Assert.StartsWith("Sentry sentry_version=7", received.Header("X-Sentry-Auth"), StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{32}$", (string?)received.Json["event_id"]);
        Assert.Equal("error", (string?)received.Json["level"]);
        Assert.Equal("production", (string?)received.Json["environment"]);
        Assert.Equal(TestEvents.Failed().Message, (string?)received.Json["message"]!["formatted"]);
    }

    [Fact]
    public void Sentry_refuses_an_address_that_is_not_a_DSN()
    {
        Assert.Throws<NotificationException>(() => NotifierFactory.Create(ProviderRig.Settings(ProviderTypes.Sentry) with { Address = "https://sentry.io" }));
    }

    [Fact]
    public async Task Githubdispatch_sends_a_repository_dispatch_carrying_the_event()
    {
        var settings = ProviderRig.Settings(ProviderTypes.GitHubDispatch) with { Address = Url("/org/fleet"), Token = "ghp_x" };

        var received = await rig.SendAsync(settings, TestEvents.Succeeded());

        Assert.Equal("/api/v3/repos/org/fleet/dispatches", received.Path);
        Assert.Equal("Bearer ghp_x", received.Header("Authorization"));
        Assert.Equal("Kustomization/podinfo.flux-system", (string?)received.Json["event_type"]);
        Assert.Equal(FluxEventJson.Serialize(TestEvents.Succeeded()), received.Json["client_payload"]!.ToJsonString(new System.Text.Json.JsonSerializerOptions
        {
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }));
        Assert.IsType<JsonObject>(received.Json["client_payload"]);
    }
}
