using Gyre.Notifications.Events;
using Gyre.Notifications.Providers;
using Gyre.Notifications.Tests.Support;

namespace Gyre.Notifications.Tests.Providers;

/// <summary>Git commit statuses: the right API path for the revision's commit, the state, and Flux's context.</summary>
public sealed class CommitStatusProviderTests(ProviderRig rig) : IClassFixture<ProviderRig>
{
    private const string Context = "kustomization/podinfo/a1b2c3d4";

    private ProviderSettings Repo(string type, string path = "/org/fleet", string token = "tok") =>
        ProviderRig.Settings(type) with { Address = rig.Server.Origin + path, Token = token };

    [Fact]
    public async Task Github_sets_success_on_the_commit_for_the_final_event()
    {
        var received = await rig.SendAsync(Repo(ProviderTypes.GitHub), TestEvents.Succeeded());

        Assert.Equal($"/api/v3/repos/org/fleet/statuses/{TestEvents.Sha}", received.Path);
        Assert.Equal("Bearer tok", received.Header("Authorization"));
        Assert.Equal("success", (string?)received.Json["state"]);
        Assert.Equal(Context, (string?)received.Json["context"]);
        Assert.Equal("reconciliation succeeded", (string?)received.Json["description"]);
    }

    [Fact]
    public async Task Github_sets_failure_for_an_error_event()
    {
        var received = await rig.SendAsync(Repo(ProviderTypes.GitHub, "/org/fleet.git"), TestEvents.Failed());

        Assert.Equal($"/api/v3/repos/org/fleet/statuses/{TestEvents.Sha}", received.Path);
        Assert.Equal("failure", (string?)received.Json["state"]);
        Assert.Equal("health check failed", (string?)received.Json["description"]);
    }

    [Fact]
    public void Commit_status_providers_skip_progress_events_and_events_without_a_revision()
    {
        var notifier = NotifierFactory.Create(Repo(ProviderTypes.GitHub));
        var changeSet = TestEvents.Succeeded(message: "ConfigMap/apps/a created") with
        {
            Metadata = new Dictionary<string, string> { ["kustomize.toolkit.fluxcd.io/revision"] = "main@sha1:" + TestEvents.Sha },
        };

        Assert.Null(notifier.Build(changeSet));
        Assert.Null(notifier.Build(TestEvents.Succeeded() with { Reason = "Progressing" }));
        Assert.Null(notifier.Build(TestEvents.Failed() with { Metadata = new Dictionary<string, string>() }));
    }

    [Theory]
    [InlineData("main@sha1:" + TestEvents.Sha)]
    [InlineData("sha1:" + TestEvents.Sha)]
    [InlineData("main/" + TestEvents.Sha)]
    [InlineData(TestEvents.Sha)]
    public void The_commit_comes_from_any_of_Fluxs_revision_formats(string revision)
    {
        var ev = TestEvents.Failed() with { Metadata = new Dictionary<string, string> { ["kustomize.toolkit.fluxcd.io/revision"] = revision } };

        var request = NotifierFactory.Create(Repo(ProviderTypes.GitHub)).Build(ev)!;

        Assert.EndsWith("/statuses/" + TestEvents.Sha, request.Address.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public void The_commit_metadata_wins_over_origin_revision_and_revision()
    {
        var ev = TestEvents.Failed() with
        {
            Metadata = new Dictionary<string, string>
            {
                ["kustomize.toolkit.fluxcd.io/revision"] = "main@sha1:1111111111111111111111111111111111111111",
                ["kustomize.toolkit.fluxcd.io/originRevision"] = "main@sha1:2222222222222222222222222222222222222222",
                ["kustomize.toolkit.fluxcd.io/commit"] = "3333333333333333333333333333333333333333",
            },
        };

        var request = NotifierFactory.Create(Repo(ProviderTypes.GitHub)).Build(ev)!;

        Assert.EndsWith("/statuses/3333333333333333333333333333333333333333", request.Address.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gitlab_posts_to_the_url_encoded_project_with_the_private_token()
    {
        var received = await rig.SendAsync(Repo(ProviderTypes.GitLab, "/group/sub/fleet"), TestEvents.Failed());

        Assert.Equal($"/api/v4/projects/group%2Fsub%2Ffleet/statuses/{TestEvents.Sha}", received.Path);
        Assert.Equal("tok", received.Header("PRIVATE-TOKEN"));
        Assert.Equal("failed", (string?)received.Json["state"]);
        Assert.Equal(Context, (string?)received.Json["name"]);
    }

    [Fact]
    public async Task Gitea_posts_a_status_with_token_authorization()
    {
        var received = await rig.SendAsync(Repo(ProviderTypes.Gitea), TestEvents.Succeeded());

        Assert.Equal($"/api/v1/repos/org/fleet/statuses/{TestEvents.Sha}", received.Path);
        Assert.Equal("token tok", received.Header("Authorization"));
        Assert.Equal("success", (string?)received.Json["state"]);
        Assert.Equal(Context, (string?)received.Json["context"]);
    }

    [Fact]
    public async Task Bitbucket_posts_a_build_status_with_basic_auth_from_user_and_app_password()
    {
        var received = await rig.SendAsync(Repo(ProviderTypes.Bitbucket, token: "bob:app-pass"), TestEvents.Succeeded());

        Assert.Equal($"/2.0/repositories/org/fleet/commit/{TestEvents.Sha}/statuses/build", received.Path);
        Assert.Equal("Basic " + Convert.ToBase64String("bob:app-pass"u8.ToArray()), received.Header("Authorization"));
        Assert.Equal("SUCCESSFUL", (string?)received.Json["state"]);
        Assert.Equal(Context, (string?)received.Json["key"]);
        Assert.False(string.IsNullOrEmpty((string?)received.Json["url"]));
    }

    [Fact]
    public void Bitbucket_refuses_a_token_without_a_username()
    {
        Assert.Throws<NotificationException>(() => NotifierFactory.Create(Repo(ProviderTypes.Bitbucket, token: "only-password")));
    }

    [Fact]
    public async Task Azure_DevOps_posts_a_commit_status_with_the_PAT_as_basic_auth()
    {
        var received = await rig.SendAsync(Repo(ProviderTypes.AzureDevOps, "/org/project/_git/fleet", "pat"), TestEvents.Failed());

        Assert.Equal($"/org/project/_apis/git/repositories/fleet/commits/{TestEvents.Sha}/statuses", received.Path);
        Assert.Equal("?api-version=6.0", received.Query);
        Assert.Equal("Basic " + Convert.ToBase64String(":pat"u8.ToArray()), received.Header("Authorization"));
        Assert.Equal("failed", (string?)received.Json["state"]);
        Assert.Equal("fluxcd", (string?)received.Json["context"]!["genre"]);
        Assert.Equal(Context, (string?)received.Json["context"]!["name"]);
    }

    [Fact]
    public void A_repository_address_without_owner_and_name_is_refused()
    {
        var ex = Assert.Throws<NotificationException>(() => NotifierFactory.Create(Repo(ProviderTypes.GitHub, "/fleet")));

        Assert.Contains("must name an owner and a repository", ex.Message, StringComparison.Ordinal);
    }
}
