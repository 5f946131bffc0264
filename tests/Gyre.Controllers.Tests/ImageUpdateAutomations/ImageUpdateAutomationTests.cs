using Gyre.Controllers.Tests.Support;

namespace Gyre.Controllers.Tests.ImageUpdateAutomations;

/// <summary>
/// ImageUpdateAutomation end to end on the local cluster: a GitRepository served over HTTP on 127.0.0.1, ImagePolicies
/// whose latestRef the test sets, and the controller cloning, setting, committing and pushing.
/// </summary>
[Collection(ControllersCollection.Name)]
public sealed class ImageUpdateAutomationTests(ControllersFixture rig)
{
    private static string App(string tag) => $$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: podinfo
        spec:
          template:
            spec:
              containers:
              - name: podinfo
                image: ghcr.io/stefanprodan/podinfo:{{tag}} # {"$imagepolicy": "NS:podinfo"}
                args: ["--port", "9898"]

        """;

    private static string Automation(string ns, string name, string extra = "") => $"""
        apiVersion: image.toolkit.fluxcd.io/v1
        kind: ImageUpdateAutomation
        metadata:
          name: {name}
          namespace: {ns}
        spec:
          interval: 10m
          sourceRef:
            kind: GitRepository
            name: fleet
          git:
            commit:
              author:
                name: fluxcdbot
                email: fluxcdbot@users.noreply.github.com
        {extra}
        """;

    [Fact]
    public async Task A_new_tag_is_committed_and_pushed_and_an_unchanged_policy_makes_no_commit()
    {
        var ns = await rig.NamespaceAsync("iua");
        using var repo = new FleetRepository(rig.Git, ns);
        rig.AcceptPushes(ns);
        var initial = repo.Write("apps/podinfo.yaml", App("6.0.0").Replace("NS", ns, StringComparison.Ordinal)).Write("README.md", "fleet\n").Push();
        await rig.ApplyAsync(TestManifests.GitRepository(ns, "fleet", repo.Url));
        await rig.PolicyAsync(ns, "podinfo", "ghcr.io/stefanprodan/podinfo", "6.1.0", labels: "{app: podinfo}");
        await rig.PolicyAsync(ns, "other", "ghcr.io/acme/other", "1.0.0", labels: "{app: other}");
        await rig.ApplyAsync(Automation(ns, "podinfo", """
              messageTemplate: |
                {{ .Values.prefix }}: update {{ .AutomationObject }}
                {{ range .Changed.Changes }}- {{ .OldValue }} -> {{ .NewValue }}
                {{ end }}
              messageTemplateValues:
                prefix: chore(images)
            push:
              branch: main
          policySelector:
            matchLabels:
              app: podinfo
          update:
            path: ./apps
            strategy: Setters
        """));

        var ready = await rig.WaitForAutomationAsync(ns, "podinfo", c => (string?)c["status"] == "True", "pushed");

        var head = repo.WorkTree.Git("ls-remote", "origin", "refs/heads/main").Split('\t')[0];
        Assert.NotEqual(initial, head);
        Assert.Equal(("Succeeded", $"pushed commit '{head[..7]}' to branch 'main'"), ((string?)ready["reason"], (string?)ready["message"]));
        repo.WorkTree.Git("fetch", "-q", "origin", "main");
        Assert.Equal(
            ["-        image: ghcr.io/stefanprodan/podinfo:6.0.0 # {\"$imagepolicy\": \"" + ns + ":podinfo\"}",
             "+        image: ghcr.io/stefanprodan/podinfo:6.1.0 # {\"$imagepolicy\": \"" + ns + ":podinfo\"}"],
            repo.WorkTree.Git("diff", "-U0", initial, head).Split('\n').Where(l => l.Length > 1 && l[0] is '-' or '+' && l[1] != l[0]));
        Assert.Equal(
            $"chore(images): update {ns}/podinfo\n- ghcr.io/stefanprodan/podinfo:6.0.0 -> ghcr.io/stefanprodan/podinfo:6.1.0",
            repo.WorkTree.Git("log", "-1", "--format=%B", head));
        Assert.Equal("fluxcdbot <fluxcdbot@users.noreply.github.com>", repo.WorkTree.Git("log", "-1", "--format=%an <%ae>", head));
        var status = (await rig.AutomationAsync(ns, "podinfo"))!.Json["status"]!;
        Assert.Equal(head, (string?)status["lastPushCommit"]);
        Assert.NotNull((string?)status["lastPushTime"]);
        Assert.NotNull((string?)status["lastAutomationRunTime"]);
        Assert.Equal($"main@sha1:{head}", (string?)status["observedSourceRevision"]); // pushed onto the checkout branch
        Assert.Equal("""{"podinfo":{"name":"ghcr.io/stefanprodan/podinfo","tag":"6.1.0"}}""", status["observedPolicies"]!.ToJsonString());
        Assert.Contains(await rig.EventsAsync(ns, "podinfo"), e => e.Reason == "Succeeded" && e.Message.StartsWith($"pushed commit '{head[..7]}'", StringComparison.Ordinal));

        // Same policies and source, asked again: one ls-remote shows nothing changed, so nothing is cloned or pushed.
        await rig.RequestReconcileAsync("imageupdateautomation", ns, "podinfo");
        await rig.WaitForAutomationAsync(ns, "podinfo", c => (string?)c["message"] == "repository up-to-date", "up to date");
        Assert.Equal(head, repo.WorkTree.Git("ls-remote", "origin", "refs/heads/main").Split('\t')[0]);
        Assert.Equal($"main@sha1:{head}", (string?)(await rig.AutomationAsync(ns, "podinfo"))!.Json["status"]!["observedSourceRevision"]);

        // A new latestRef (with a digest) re-queues the automation through the ImagePolicy watch.
        await rig.PolicyAsync(ns, "podinfo", "ghcr.io/stefanprodan/podinfo", "6.2.0", "sha256:" + new string('b', 64), labels: "{app: podinfo}");
        await rig.Until(() => Task.FromResult(repo.WorkTree.Git("ls-remote", "origin", "refs/heads/main").Split('\t')[0] != head), "second push", 60);
        repo.WorkTree.Git("fetch", "-q", "origin", "main");
        Assert.Contains("podinfo:6.2.0@sha256:" + new string('b', 64) + " #", repo.WorkTree.Git("show", "FETCH_HEAD:apps/podinfo.yaml"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("policySelector: {matchExpressions: [{key: app, operator: Near}]}", "", "InvalidPolicySelector", "'Near' is not a valid operator")]
    [InlineData("update: {strategy: Setters}", "'{{ range .Updated.Images }}{{ . }}{{ end }}'", "RemovedTemplateField", ".Updated, which was removed")]
    public async Task Configuration_retrying_cannot_fix_stalls_with_fluxs_reason(string specLine, string template, string reason, string message)
    {
        var ns = await rig.NamespaceAsync("iua-stall");
        using var repo = new FleetRepository(rig.Git, ns);
        repo.Write("README.md", "x\n").Push();
        await rig.ApplyAsync(TestManifests.GitRepository(ns, "fleet", repo.Url));
        var quoted = template.Length == 0 ? "''" : template;
        await rig.ApplyAsync($$$"""
            apiVersion: image.toolkit.fluxcd.io/v1
            kind: ImageUpdateAutomation
            metadata:
              name: bad
              namespace: {{{ns}}}
            spec:
              interval: 10m
              sourceRef: {kind: GitRepository, name: fleet}
              git:
                commit:
                  author: {email: bot@example.com}
                  messageTemplate: {{{quoted}}}
              {{{specLine}}}
            """);

        var ready = await rig.WaitForAutomationAsync(ns, "bad", c => (string?)c["status"] == "False", "failed");

        Assert.Equal(reason, (string?)ready["reason"]);
        Assert.Contains(message, (string?)ready["message"], StringComparison.Ordinal);
        var stalled = ((System.Text.Json.Nodes.JsonArray)(await rig.AutomationAsync(ns, "bad"))!.Json["status"]!["conditions"]!)
            .OfType<System.Text.Json.Nodes.JsonObject>().Single(c => (string?)c["type"] == "Stalled");
        Assert.Equal(("True", reason), ((string?)stalled["status"], (string?)stalled["reason"]));
    }

    [Fact]
    public async Task A_missing_GitRepository_is_retried_until_it_exists()
    {
        var ns = await rig.NamespaceAsync("iua-nosrc");
        using var repo = new FleetRepository(rig.Git, ns);
        rig.AcceptPushes(ns);
        repo.Write("apps/podinfo.yaml", App("6.0.0").Replace("NS", ns, StringComparison.Ordinal)).Push();
        await rig.PolicyAsync(ns, "podinfo", "ghcr.io/stefanprodan/podinfo", "6.0.1");
        await rig.ApplyAsync(Automation(ns, "late"));

        var waiting = await rig.WaitForAutomationAsync(ns, "late", c => (string?)c["status"] == "False", "source missing");
        Assert.Equal("InvalidSourceConfiguration", (string?)waiting["reason"]);
        Assert.Contains($"GitRepository/{ns}/fleet", (string?)waiting["message"], StringComparison.Ordinal);

        await rig.ApplyAsync(TestManifests.GitRepository(ns, "fleet", repo.Url));
        await rig.WaitForAutomationAsync(ns, "late", c => (string?)c["status"] == "True", "pushed after the source appeared", 90);
        repo.WorkTree.Git("fetch", "-q", "origin", "main");
        Assert.Contains("podinfo:6.0.1 #", repo.WorkTree.Git("show", "FETCH_HEAD:apps/podinfo.yaml"), StringComparison.Ordinal);
    }
}
