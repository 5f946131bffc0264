using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Gyre.Controllers.Tests.Support;

namespace Gyre.Controllers.Tests;

/// <summary>Alerts and Providers end to end: a Kustomization's events reach real HTTP endpoints in each provider's format.</summary>
[Collection(ControllersCollection.Name)]
public sealed class NotificationTests(ControllersFixture rig)
{
    private static string Provider(string ns, string name, string type, string address, string extra = "") => $"""
        apiVersion: notification.toolkit.fluxcd.io/v1beta3
        kind: Provider
        metadata:
          name: {name}
          namespace: {ns}
        spec:
          type: {type}
          address: {address}
        {extra}
        """;

    private static string Alert(string ns, string name, string provider, string sources = "[{kind: Kustomization, name: '*'}]") => $"""
        apiVersion: notification.toolkit.fluxcd.io/v1beta3
        kind: Alert
        metadata:
          name: {name}
          namespace: {ns}
        spec:
          providerRef:
            name: {provider}
          eventSources: {sources}
        """;

    private async Task<JsonObject?> ReadyOf(string kind, string ns, string name)
    {
        var obj = await rig.GetAsync("notification.toolkit.fluxcd.io/v1beta3", kind, ns, name);
        return (obj?.Json["status"]?["conditions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => (string?)c["type"] == "Ready");
    }

    private Task WaitReady(string kind, string ns, string name, string status, string? reason = null) =>
        rig.Until(async () => await ReadyOf(kind, ns, name) is { } c && (string?)c["status"] == status && (reason is null || (string?)c["reason"] == reason),
            $"{kind} {ns}/{name} Ready={status} {reason}");

    // Requests from several providers arrive interleaved: everything read is kept, so a later search sees it too.
    private static async Task<CapturedRequest> NextMatching(CaptureServer server, List<CapturedRequest> seen, Func<CapturedRequest, bool> match)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (seen.FirstOrDefault(match) is { } found)
            {
                return found;
            }

            seen.Add(await server.NextAsync((int)Math.Max(1, (deadline - DateTime.UtcNow).TotalSeconds)));
        }
    }

    [Fact]
    public async Task A_reconciled_Kustomization_notifies_generic_slack_and_github_commit_status_endpoints_with_its_revision()
    {
        var ns = await rig.NamespaceAsync("notify");
        await using var endpoint = await CaptureServer.StartAsync();
        await rig.Kubectl.RunAsync(null, "create", "secret", "generic", "github-token", "-n", ns, "--from-literal=token=ghp_test");
        await rig.ApplyAsync(Provider(ns, "webhook", "generic", endpoint.Origin + "/generic"));
        await rig.ApplyAsync(Provider(ns, "slack", "slack", endpoint.Origin + "/slack", "  channel: deploys"));
        await rig.ApplyAsync(Provider(ns, "github", "github", endpoint.Origin + "/org/fleet", "  secretRef: {name: github-token}"));
        foreach (var provider in new[] { "webhook", "slack", "github" })
        {
            await rig.ApplyAsync(Alert(ns, provider, provider));
        }

        foreach (var name in new[] { "webhook", "slack", "github" })
        {
            await WaitReady("Provider", ns, name, "True", "Succeeded");
            await WaitReady("Alert", ns, name, "True", "Succeeded");
        }

        using var repo = new FleetRepository(rig.Git, ns);
        var sha = repo.Write("app/cm.yaml", TestManifests.ConfigMap("app", "k", "v")).Push();
        await rig.ApplyAsync(TestManifests.GitRepository(ns, "fleet", repo.Url));
        await rig.ApplyAsync(TestManifests.Kustomization(ns, "app", "./app", $"  targetNamespace: {ns}\n"));
        await rig.WaitForConditionAsync(ns, "app", "True");

        var seen = new List<CapturedRequest>();
        var generic = await NextMatching(endpoint, seen, r => r.Path == "/generic" && (string?)r.Json["reason"] == "ReconciliationSucceeded");
        Assert.Equal("kustomize-controller", generic.Header("Gotk-Component"));
        Assert.Equal("main@sha1:" + sha, (string?)generic.Json["metadata"]!["kustomize.toolkit.fluxcd.io/revision"]);
        Assert.Equal(ns, (string?)generic.Json["involvedObject"]!["namespace"]);
        Assert.Equal("info", (string?)generic.Json["severity"]);

        var status = await NextMatching(endpoint, seen, r => r.Path.StartsWith("/api/v3/repos/", StringComparison.Ordinal));
        Assert.Equal($"/api/v3/repos/org/fleet/statuses/{sha}", status.Path);
        Assert.Equal("Bearer ghp_test", status.Header("Authorization"));
        Assert.Equal("success", (string?)status.Json["state"]);
        Assert.StartsWith("kustomization/app/", (string?)status.Json["context"], StringComparison.Ordinal);

        var slack = await NextMatching(endpoint, seen, r => r.Path == "/slack" && ((string?)r.Json["attachments"]![0]!["text"])!.StartsWith("Reconciliation finished", StringComparison.Ordinal));
        Assert.Equal("deploys", (string?)slack.Json["channel"]);
        Assert.Equal($"kustomization/app.{ns}", (string?)slack.Json["attachments"]![0]!["author_name"]);
        Assert.Contains(slack.Json["attachments"]![0]!["fields"]!.AsArray(), f => (string?)f!["value"] == "main@sha1:" + sha);
    }

    [Fact]
    public async Task A_signed_push_to_a_Receiver_applies_the_new_commit_and_its_Slack_and_commit_status_notifications_arrive()
    {
        var ns = await rig.NamespaceAsync("push-notify");
        await using var endpoint = await CaptureServer.StartAsync();
        using var repo = new FleetRepository(rig.Git, ns);
        repo.Write("app/cm.yaml", TestManifests.ConfigMap("app", "color", "blue")).Push();
        await rig.ApplyAsync(TestManifests.GitRepository(ns, "fleet", repo.Url));
        await rig.ApplyAsync(TestManifests.Kustomization(ns, "app", "./app", $"  targetNamespace: {ns}\n"));
        await rig.WaitForConditionAsync(ns, "app", "True");

        await rig.Kubectl.RunAsync(null, "create", "secret", "generic", "github-token", "-n", ns, "--from-literal=token=ghp_push");
        await rig.ApplyAsync(Provider(ns, "slack", "slack", endpoint.Origin + "/slack", "  channel: deploys"));
        await rig.ApplyAsync(Provider(ns, "github", "github", endpoint.Origin + "/org/fleet", "  secretRef: {name: github-token}"));
        await rig.ApplyAsync(Alert(ns, "slack", "slack"));
        await rig.ApplyAsync(Alert(ns, "github", "github"));
        await WaitReady("Alert", ns, "slack", "True", "Succeeded");
        await WaitReady("Alert", ns, "github", "True", "Succeeded");
        const string token = "push-notify-token";
        await rig.ApplyAsync(Receivers.ReceiverRig.Secret(ns, "webhook-token", token));
        await rig.ApplyAsync(Receivers.ReceiverRig.Receiver(ns, "github", "github", "  - kind: GitRepository\n    name: fleet", "  events: [push]"));
        await Receivers.ReceiverRig.WaitForReceiverAsync(rig, ns, "github", "True");

        // The user's commit, then GitHub's signed push delivery: no waiting for the interval.
        var second = repo.Write("app/cm.yaml", TestManifests.ConfigMap("app", "color", "green")).Push("turn green");
        var body = Receivers.ReceiverRig.Utf8("""{"ref":"refs/heads/main"}""");
        var path = Gyre.Notifications.Receivers.WebhookPath.For(token, "github", ns);
        var code = await Receivers.ReceiverRig.PostWhenServedAsync(rig, path, body,
            ("X-GitHub-Event", "push"), ("X-Hub-Signature-256", Gyre.Notifications.Receivers.HubSignature.Sign("sha256", body, token)));

        Assert.Equal(200, code);
        await rig.Until(async () => (string?)(await rig.ConditionAsync(ns, "app"))?["message"] == $"Applied revision: main@sha1:{second}",
            "the Kustomization applies the pushed commit");
        var seen = new List<CapturedRequest>();
        var status = await NextMatching(endpoint, seen, r => r.Path == $"/api/v3/repos/org/fleet/statuses/{second}");
        Assert.Equal("success", (string?)status.Json["state"]);
        var slack = await NextMatching(endpoint, seen, r => r.Path == "/slack"
            && r.Json["attachments"]![0]!["fields"]!.AsArray().Any(f => (string?)f!["value"] == "main@sha1:" + second));
        Assert.Equal("deploys", (string?)slack.Json["channel"]);
    }

    [Fact]
    public async Task A_Providers_Secret_supplies_address_headers_and_hmac_token_and_Alert_filters_apply()
    {
        var ns = await rig.NamespaceAsync("secret");
        await using var endpoint = await CaptureServer.StartAsync();
        await rig.ApplyAsync($$"""
            apiVersion: v1
            kind: Secret
            metadata: {name: hook, namespace: {{ns}}}
            stringData:
              address: {{endpoint.Origin}}/from-secret
              token: hmac-key
              headers: |
                X-Tenant: blue
            """);
        await rig.ApplyAsync(Provider(ns, "hmac", "generic-hmac", "http://127.0.0.1:9/ignored", "  secretRef: {name: hook}"));
        await rig.ApplyAsync($$"""
            apiVersion: notification.toolkit.fluxcd.io/v1beta3
            kind: Alert
            metadata: {name: errors, namespace: {{ns}}}
            spec:
              providerRef: {name: hmac}
              eventSeverity: error
              exclusionList: ["ignored"]
              eventMetadata: {cluster: eu-1}
              eventSources:
              - kind: ConfigMap
                name: '*'
                matchLabels: {team: blue}
            """);
        await WaitReady("Alert", ns, "errors", "True");
        using var http = new HttpClient();
        string Event(string name, string severity, string message) =>
            "{\"involvedObject\":{\"kind\":\"ConfigMap\",\"namespace\":\"" + ns + "\",\"name\":\"" + name + "\",\"apiVersion\":\"v1\"}," +
            "\"severity\":\"" + severity + "\",\"timestamp\":\"2026-12-07T10:00:00Z\",\"message\":\"" + message + "\",\"reason\":\"InstallFailed\"," +
            "\"reportingController\":\"helm-controller\"}";

        // matchLabels reads the involved object's labels from the cluster: ConfigMaps stand in for Flux objects here.
        await rig.Kubectl.RunAsync(null, "create", "configmap", "labelled", "-n", ns);
        await rig.Kubectl.RunAsync(null, "label", "configmap", "labelled", "-n", ns, "team=blue");
        await rig.Kubectl.RunAsync(null, "create", "configmap", "other", "-n", ns);
        foreach (var body in new[]
        {
            Event("labelled", "info", "an info event"), Event("labelled", "error", "ignored by the exclusion list"),
            Event("other", "error", "not labelled"), Event("labelled", "error", "install failed"),
        })
        {
            using var response = await http.PostAsync(rig.Controllers.EventsAddress, new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        var received = await endpoint.NextAsync(30);
        Assert.Equal("/from-secret", received.Path);
        Assert.Equal("blue", received.Header("X-Tenant"));
        Assert.Equal("install failed", (string?)received.Json["message"]);
        Assert.Equal("eu-1", (string?)received.Json["metadata"]!["cluster"]);
        var signature = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData("hmac-key"u8.ToArray(), Encoding.UTF8.GetBytes(received.Body)));
        Assert.Equal("sha256=" + signature, received.Header("X-Signature"));
        Assert.False(endpoint.HasPending);
    }

    [Fact]
    public async Task An_Alert_is_not_ready_until_its_Provider_exists()
    {
        var ns = await rig.NamespaceAsync("alert");
        await rig.ApplyAsync(Alert(ns, "orphan", "later"));

        await WaitReady("Alert", ns, "orphan", "False", "ProviderNotReady");
        Assert.Contains("Provider 'later' not found", (string?)(await ReadyOf("Alert", ns, "orphan"))!["message"], StringComparison.Ordinal);

        await rig.ApplyAsync(Provider(ns, "later", "generic", "http://127.0.0.1:9/hook"));
        await WaitReady("Alert", ns, "orphan", "True", "Succeeded");
    }

    [Fact]
    public async Task A_Provider_missing_its_token_is_not_ready_and_says_which_key()
    {
        var ns = await rig.NamespaceAsync("provider");
        await rig.ApplyAsync(Provider(ns, "hmac", "generic-hmac", "http://127.0.0.1:9/hook"));

        await WaitReady("Provider", ns, "hmac", "False", "ValidationFailed");
        Assert.Contains("needs a token", (string?)(await ReadyOf("Provider", ns, "hmac"))!["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_event_endpoint_routes_posted_events_refuses_duplicates_and_invalid_bodies()
    {
        var ns = await rig.NamespaceAsync("events");
        await using var endpoint = await CaptureServer.StartAsync();
        await rig.ApplyAsync(Provider(ns, "webhook", "generic", endpoint.Origin + "/posted"));
        await rig.ApplyAsync(Alert(ns, "all", "webhook", "[{kind: HelmRelease, name: 'podinfo'}]"));
        await WaitReady("Alert", ns, "all", "True");
        using var http = new HttpClient();
        var ev = $$"""
            {"involvedObject":{"kind":"HelmRelease","namespace":"{{ns}}","name":"podinfo","apiVersion":"helm.toolkit.fluxcd.io/v2"},
             "severity":"error","timestamp":"2026-12-07T10:00:00Z","message":"install retries exhausted","reason":"InstallFailed",
             "metadata":{"helm.toolkit.fluxcd.io/revision":"6.5.0"},"reportingController":"helm-controller"}
            """;

        using var first = await http.PostAsync(rig.Controllers.EventsAddress, new StringContent(ev, Encoding.UTF8, "application/json"));
        using var second = await http.PostAsync(rig.Controllers.EventsAddress, new StringContent(ev, Encoding.UTF8, "application/json"));
        using var invalid = await http.PostAsync(rig.Controllers.EventsAddress, new StringContent("{\"severity\":\"info\"}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var received = await endpoint.NextAsync(30);
        Assert.Equal("helm-controller", received.Header("Gotk-Component"));
        Assert.Equal("install retries exhausted", (string?)received.Json["message"]);
    }
}
