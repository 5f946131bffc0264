using System.Net;
using Gyre.Notifications.Receivers;
using static Gyre.Notifications.Tests.Receivers.Deliveries;

namespace Gyre.Notifications.Tests.Receivers;

public sealed class GitHostReceiverTests
{
    [Theory]
    [InlineData("X-Hub-Signature-256", PushSha256)]
    [InlineData("X-Hub-Signature", PushSha1)]
    public void GitHub_accepts_a_push_signed_with_the_token(string header, string signature)
    {
        var verdict = Verify(Spec(ReceiverTypes.GitHub, "push"), Json(PushBody, ("X-GitHub-Event", "push"), (header, signature)));

        Assert.True(verdict.Accepted, verdict.Message);
        Assert.True(verdict.Trigger);
        Assert.Equal("push", verdict.Event);
    }

    [Fact]
    public void GitHub_refuses_a_wrong_signature_and_names_the_check()
    {
        var verdict = Verify(Spec(ReceiverTypes.GitHub), Json(PushBody + " ", ("X-GitHub-Event", "push"), ("X-Hub-Signature-256", PushSha256)));

        Assert.False(verdict.Accepted);
        Assert.False(verdict.Trigger);
        Assert.Equal("the GitHub signature header is invalid: payload signature check failed", verdict.Message);
    }

    [Fact]
    public void GitHub_refuses_an_unsigned_delivery() =>
        Assert.False(Verify(Spec(ReceiverTypes.GitHub), Json(PushBody, ("X-GitHub-Event", "push"))).Accepted);

    [Fact]
    public void GitHub_refuses_events_not_listed_in_spec_events_ignoring_case()
    {
        var spec = Spec(ReceiverTypes.GitHub, "Push");
        var release = Verify(spec, Json(PushBody, ("X-GitHub-Event", "release"), ("X-Hub-Signature-256", PushSha256)));
        var push = Verify(spec, Json(PushBody, ("X-GitHub-Event", "push"), ("X-Hub-Signature-256", PushSha256)));

        Assert.False(release.Accepted);
        Assert.Equal("the GitHub event 'release' is not authorised", release.Message);
        Assert.True(push.Accepted);
    }

    [Fact]
    public void GitHub_answers_a_signed_ping_without_triggering_anything()
    {
        var verdict = Verify(Spec(ReceiverTypes.GitHub, "push"), Json(PushBody, ("X-GitHub-Event", "ping"), ("X-Hub-Signature-256", PushSha256)));

        Assert.True(verdict.Accepted);
        Assert.False(verdict.Trigger);
    }

    [Fact]
    public void GitHub_reads_form_encoded_deliveries_and_checks_the_signature_over_the_raw_body()
    {
        var form = "payload=" + WebUtility.UrlEncode(PushBody);
        var signature = HubSignature.Sign("sha256", System.Text.Encoding.UTF8.GetBytes(form), Token);

        var verdict = Verify(Spec(ReceiverTypes.GitHub), Raw("application/x-www-form-urlencoded", form, ("X-GitHub-Event", "push"), ("X-Hub-Signature-256", signature)));

        Assert.True(verdict.Accepted, verdict.Message);
        Assert.Equal(PushBody, System.Text.Encoding.UTF8.GetString(verdict.FilterBody!));
    }

    [Fact]
    public void GitHub_refuses_content_types_it_does_not_send() =>
        Assert.Contains("unsupported Content-Type", Verify(Spec(ReceiverTypes.GitHub),
            Raw("text/plain", PushBody, ("X-GitHub-Event", "push"), ("X-Hub-Signature-256", PushSha256))).Message, StringComparison.Ordinal);

    [Fact]
    public void GitLab_accepts_the_token_header_and_filters_events()
    {
        var spec = Spec(ReceiverTypes.GitLab, "Push Hook");

        Assert.True(Verify(spec, Json(PushBody, ("X-Gitlab-Token", Token), ("X-Gitlab-Event", "Push Hook"))).Accepted);
        Assert.Equal("the GitLab event 'Tag Push Hook' is not authorised",
            Verify(spec, Json(PushBody, ("X-Gitlab-Token", Token), ("X-Gitlab-Event", "Tag Push Hook"))).Message);
    }

    [Theory]
    [InlineData("wrong")]
    [InlineData("s3cr3")]
    [InlineData("s3cr3t ")]
    public void GitLab_refuses_a_wrong_token(string token) =>
        Assert.Equal("the X-Gitlab-Token header value does not match the receiver token",
            Verify(Spec(ReceiverTypes.GitLab), Json(PushBody, ("X-Gitlab-Token", token), ("X-Gitlab-Event", "Push Hook"))).Message);

    [Fact]
    public void Bitbucket_checks_the_hub_signature_and_the_event_key()
    {
        var spec = Spec(ReceiverTypes.Bitbucket, "repo:refs_changed");

        Assert.True(Verify(spec, Json(PushBody, ("X-Event-Key", "repo:refs_changed"), ("X-Hub-Signature", PushSha256))).Accepted);
        Assert.False(Verify(spec, Json(PushBody, ("X-Event-Key", "repo:refs_changed"), ("X-Hub-Signature", PushSha1[..^1] + "0"))).Accepted);
        Assert.Equal("the Bitbucket server event 'pr:opened' is not authorised",
            Verify(spec, Json(PushBody, ("X-Event-Key", "pr:opened"), ("X-Hub-Signature", PushSha256))).Message);
    }

    [Theory]
    [InlineData(PushSha1)]
    [InlineData(PushSha256)]
    [InlineData(PushSha512)]
    public void Generic_hmac_accepts_each_algorithm_in_X_Signature(string signature) =>
        Assert.True(Verify(Spec(ReceiverTypes.GenericHmac), Json(PushBody, ("X-Signature", signature))).Accepted);

    [Fact]
    public void Generic_hmac_refuses_a_wrong_or_missing_signature()
    {
        Assert.Equal("unable to validate HMAC signature: missing signature", Verify(Spec(ReceiverTypes.GenericHmac), Json(PushBody)).Message);
        Assert.False(Verify(Spec(ReceiverTypes.GenericHmac), Json("{}", ("X-Signature", PushSha256))).Accepted);
    }

    [Fact]
    public void Generic_accepts_any_delivery_because_the_path_is_the_secret() =>
        Assert.True(Verify(Spec(ReceiverTypes.Generic), Raw("text/plain", "anything")).Accepted);
}
