using Gyre.Controllers.Tests.Support;

namespace Gyre.Controllers.Tests;

/// <summary>GitRepository spec.include and spec.verify through the controller, against the test git server.</summary>
[Collection(ControllersCollection.Name)]
public sealed class GitRepositoryTests(ControllersFixture rig)
{
    [Fact]
    public async Task An_include_waits_for_its_repository_then_its_files_are_applied_from_the_sub_path()
    {
        var ns = await rig.NamespaceAsync("include");
        using var app = new FleetRepository(rig.Git, ns + "-app");
        using var lib = new FleetRepository(rig.Git, ns + "-lib");
        app.Write("README.md", "app\n").Push();
        lib.Write("manifests/cm.yaml", TestManifests.ConfigMap("shared", "from", "lib")).Push();
        await rig.ApplyAsync(TestManifests.GitRepository(ns, "fleet", app.Url) + """

              include:
              - repository:
                  name: lib
                fromPath: manifests
                toPath: vendor/lib
              ignore: "*.md"
              recurseSubmodules: true
            """);
        await rig.ApplyAsync(TestManifests.Kustomization(ns, "vendor", "./vendor/lib", $"  targetNamespace: {ns}\n"));

        await rig.WaitForSourceAsync("GitRepository", ns, "fleet", "False", "IncludeUnavailable");
        Assert.Equal("True", (string?)(await rig.SourceConditionAsync("GitRepository", ns, "fleet", "IncludeUnavailable"))!["status"]);

        await rig.ApplyAsync(TestManifests.GitRepository(ns, "lib", lib.Url));
        var ready = await rig.WaitForSourceAsync("GitRepository", ns, "fleet", "True", "Succeeded", seconds: 60);
        var libArtifact = (await rig.GetAsync("GitRepository", ns, "lib"))!.Json["status"]!["artifact"]!;
        Assert.Equal((string?)libArtifact["revision"], (string?)ready.Json["status"]!["includedArtifacts"]![0]!["revision"]);
        Assert.Equal("vendor/lib", (string?)ready.Json["status"]!["observedInclude"]![0]!["toPath"]);
        Assert.Null(await rig.SourceConditionAsync("GitRepository", ns, "fleet", "IncludeUnavailable"));
        await rig.Until(async () => (string?)(await rig.GetAsync("v1", "ConfigMap", ns, "shared"))?.Json["data"]?["from"] == "lib", "included ConfigMap applied");

        // Unchanged remote, include and content settings (read back from status): no new artifact.
        await rig.RequestReconcileAsync("gitrepository", ns, "fleet");
        await rig.Until(async () => (await rig.GetAsync("GitRepository", ns, "fleet"))!.Json["status"]!["lastHandledReconcileAt"] is not null, "second reconcile");
        Assert.Equal(ready.Json["status"]!["artifact"]!.ToJsonString(), (await rig.GetAsync("GitRepository", ns, "fleet"))!.Json["status"]!["artifact"]!.ToJsonString());
        Assert.Single(await rig.EventsAsync(ns, "fleet"), e => e.Reason == "NewArtifact");
    }

    [Fact]
    public async Task Verify_accepts_a_commit_signed_by_a_trusted_key_and_refuses_an_untrusted_one()
    {
        var ns = await rig.NamespaceAsync("verify");
        using var repo = new FleetRepository(rig.Git, ns);
        using var keys = new TempDirectory();
        var signing = keys.Combine("signing");
        var other = keys.Combine("other");
        Shell.Run(null, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", signing);
        Shell.Run(null, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", other);
        repo.Write("app/cm.yaml", TestManifests.ConfigMap("app", "k", "v"));
        repo.WorkTree.Git("add", "-A");
        Shell.Run(repo.WorkTree.Path, "git", "-c", "gpg.format=ssh", "-c", "user.signingkey=" + signing, "commit", "-q", "-S", "-m", "signed");
        var commit = repo.WorkTree.Git("rev-parse", "HEAD");
        repo.WorkTree.Push();
        await rig.Kubectl.RunAsync(null, "create", "secret", "generic", "trusted", "-n", ns, $"--from-file=dev.sshpub={signing}.pub");
        await rig.Kubectl.RunAsync(null, "create", "secret", "generic", "stranger", "-n", ns, $"--from-file=other.sshpub={other}.pub");
        const string verify = "\n  verify:\n    mode: HEAD\n    secretRef:\n      name: {0}\n";
        await rig.ApplyAsync(TestManifests.GitRepository(ns, "trusted", repo.Url) + string.Format(System.Globalization.CultureInfo.InvariantCulture, verify, "trusted"));
        await rig.ApplyAsync(TestManifests.GitRepository(ns, "stranger", repo.Url) + string.Format(System.Globalization.CultureInfo.InvariantCulture, verify, "stranger"));

        var trusted = await rig.WaitForSourceAsync("GitRepository", ns, "trusted", "True", "Succeeded");
        var refused = await rig.WaitForSourceAsync("GitRepository", ns, "stranger", "False", "VerificationError");

        var verified = (await rig.SourceConditionAsync("GitRepository", ns, "trusted", "SourceVerified"))!;
        Assert.Equal(("True", $"verified signature of commit '{commit}'"), ((string?)verified["status"], (string?)verified["message"]));
        Assert.Equal("HEAD", (string?)trusted.Json["status"]!["sourceVerificationMode"]);
        Assert.Equal("False", (string?)(await rig.SourceConditionAsync("GitRepository", ns, "stranger", "SourceVerified"))!["status"]);
        Assert.Null(refused.Json["status"]!["artifact"]);
    }
}
