using Gyre.Controllers.Tests.Support;
using Gyre.Notifications.Receivers;
using static Gyre.Controllers.Tests.Receivers.ReceiverRig;

namespace Gyre.Controllers.Tests.Receivers;

[Collection(ControllersCollection.Name)]
public sealed class ReceiverEndToEndTests(ControllersFixture rig)
{
    private const string Token = "e2e-webhook-token";

    [Fact]
    public async Task A_signed_GitHub_push_makes_the_Kustomization_apply_the_new_commit_at_once()
    {
        var ns = await rig.NamespaceAsync("hook");
        using var repo = new FleetRepository(rig.Git, ns);
        repo.Write("app/config.yaml", TestManifests.ConfigMap("settings", "color", "blue")).Push();
        await rig.ApplyAsync(TestManifests.GitRepository(ns, "fleet", repo.Url));
        await rig.ApplyAsync(TestManifests.Kustomization(ns, "app", "./app", $"  targetNamespace: {ns}\n"));
        await rig.WaitForConditionAsync(ns, "app", "True");
        await rig.ApplyAsync(Secret(ns, "webhook-token", Token));
        await rig.ApplyAsync(Receiver(ns, "github", "github", "  - kind: GitRepository\n    name: fleet", "  events: [push]"));

        var receiver = await WaitForReceiverAsync(rig, ns, "github", "True");
        var path = WebhookPath.For(Token, "github", ns);
        Assert.Equal(path, (string?)receiver["status"]!["webhookPath"]);
        Assert.Equal($"Receiver initialized for path: {path}", (string?)receiver["status"]!["conditions"]![0]!["message"]);

        var second = repo.Write("app/config.yaml", TestManifests.ConfigMap("settings", "color", "green")).Push("turn green");
        var body = Utf8("""{"ref":"refs/heads/main"}""");
        var status = await PostAsync(rig, path, body, ("X-GitHub-Event", "push"), ("X-Hub-Signature-256", HubSignature.Sign("sha256", body, Token)));

        Assert.Equal(200, status);
        var source = (await rig.GetAsync("source.toolkit.fluxcd.io/v1", "GitRepository", ns, "fleet"))!;
        Assert.NotNull(source.GetAnnotation("reconcile.fluxcd.io/requestedAt"));
        await rig.Until(async () => (string?)(await rig.ConditionAsync(ns, "app"))?["message"] == $"Applied revision: main@sha1:{second}",
            "the Kustomization applies the pushed commit");
        Assert.Equal("green", (string?)(await rig.GetAsync("v1", "ConfigMap", ns, "settings"))!.Json["data"]!["color"]);
    }

    [Fact]
    public async Task Refused_deliveries_get_Flux_status_codes_and_trigger_nothing()
    {
        var ns = await rig.NamespaceAsync("refuse");
        await rig.ApplyAsync(Secret(ns, "webhook-token", Token));
        await rig.ApplyAsync(TestManifests.ConfigMap("target", "a", "1").Replace("metadata:\n", $"metadata:\n  namespace: {ns}\n", StringComparison.Ordinal));
        await rig.ApplyAsync(Receiver(ns, "github", "github", "  - apiVersion: v1\n    kind: ConfigMap\n    name: target", "  events: [push]"));
        await WaitForReceiverAsync(rig, ns, "github", "True");
        var path = WebhookPath.For(Token, "github", ns);
        var body = Utf8("""{"ref":"refs/heads/main"}""");

        Assert.Equal(400, await PostAsync(rig, path, body, ("X-GitHub-Event", "push"), ("X-Hub-Signature-256", HubSignature.Sign("sha256", body, "wrong-token"))));
        Assert.Equal(400, await PostAsync(rig, path, body, ("X-GitHub-Event", "release"), ("X-Hub-Signature-256", HubSignature.Sign("sha256", body, Token))));
        Assert.Equal(404, await PostAsync(rig, WebhookPath.For("wrong-token", "github", ns), body, ("X-GitHub-Event", "push"),
            ("X-Hub-Signature-256", HubSignature.Sign("sha256", body, Token))));
        Assert.Equal(404, await PostAsync(rig, "/hook/", body));
        var huge = new byte[WebhookDelivery.MaxBodyBytes + 1];
        Assert.Equal(413, await PostAsync(rig, path, huge, ("X-GitHub-Event", "push"), ("X-Hub-Signature-256", HubSignature.Sign("sha256", huge, Token))));
        Assert.Equal(200, await PostAsync(rig, path, body, ("X-GitHub-Event", "ping"), ("X-Hub-Signature-256", HubSignature.Sign("sha256", body, Token))));

        var target = (await rig.GetAsync("v1", "ConfigMap", ns, "target"))!;
        Assert.Null(target.GetAnnotation("reconcile.fluxcd.io/requestedAt"));
    }

    [Fact]
    public async Task A_wildcard_with_matchLabels_and_a_resourceFilter_annotates_only_the_selected_objects()
    {
        var ns = await rig.NamespaceAsync("select");
        await rig.ApplyAsync(Secret(ns, "webhook-token", Token));
        foreach (var (name, team) in new[] { ("a", "blue"), ("b", "blue"), ("c", "red") })
        {
            await rig.ApplyAsync($"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\n  namespace: {ns}\n  labels:\n    team: {team}\n");
        }

        var resources = "  - apiVersion: v1\n    kind: ConfigMap\n    name: \"*\"\n    matchLabels:\n      team: blue";
        await rig.ApplyAsync(Receiver(ns, "generic", "generic", resources, "  resourceFilter: res.metadata.name != req.skip"));
        await WaitForReceiverAsync(rig, ns, "generic", "True");

        Assert.Equal(200, await PostAsync(rig, WebhookPath.For(Token, "generic", ns), Utf8("""{"skip":"b"}""")));

        async Task<bool> Annotated(string name) => (await rig.GetAsync("v1", "ConfigMap", ns, name))!.GetAnnotation("reconcile.fluxcd.io/requestedAt") is not null;
        Assert.True(await Annotated("a"));
        Assert.False(await Annotated("b"));
        Assert.False(await Annotated("c"));
    }

    [Fact]
    public async Task A_Receiver_without_its_token_Secret_is_not_Ready_and_gets_no_path()
    {
        var ns = await rig.NamespaceAsync("notoken");
        await rig.ApplyAsync(Receiver(ns, "gitlab", "gitlab", "  - kind: GitRepository\n    name: fleet"));

        var receiver = await WaitForReceiverAsync(rig, ns, "gitlab", "False");

        var ready = receiver["status"]!["conditions"]![0]!;
        Assert.Equal("TokenNotFound", (string?)ready["reason"]);
        Assert.Contains($"Secret '{ns}/webhook-token' not found", (string?)ready["message"], StringComparison.Ordinal);
        Assert.Null(receiver["status"]!["webhookPath"]);
    }
}
