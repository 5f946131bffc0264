using System.Security.Cryptography;
using System.Text;
using Gyre.Notifications.Events;
using Gyre.Notifications.Providers;
using Gyre.Notifications.Tests.Support;

namespace Gyre.Notifications.Tests.Providers;

/// <summary>Each chat provider's request checked against the format its service documents, as received over HTTP.</summary>
public sealed class ChatProviderTests(ProviderRig rig) : IClassFixture<ProviderRig>
{
    private string Url(string path = "/hook") => rig.Server.Origin + path;

    [Fact]
    public async Task Generic_posts_the_Flux_event_with_the_component_header_and_secret_headers()
    {
        var settings = ProviderRig.Settings(ProviderTypes.Generic) with
        {
            Address = Url(), Headers = new Dictionary<string, string> { ["X-Team"] = "platform" },
        };

        var received = await rig.SendAsync(settings, TestEvents.Succeeded());

        Assert.Equal("POST", received.Method);
        Assert.Equal("/hook", received.Path);
        Assert.StartsWith("application/json", received.Header("Content-Type"), StringComparison.Ordinal);
        Assert.Equal("kustomize-controller", received.Header("Gotk-Component"));
        Assert.Equal("platform", received.Header("X-Team"));
        Assert.Equal(FluxEventJson.Serialize(TestEvents.Succeeded()), received.Body);
    }

    [Fact]
    public async Task Generic_hmac_signs_the_body_with_the_token_in_X_Signature()
    {
        var settings = ProviderRig.Settings(ProviderTypes.GenericHmac) with { Address = Url(), Token = "s3cret" };

        var received = await rig.SendAsync(settings, TestEvents.Succeeded());

        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData("s3cret"u8.ToArray(), Encoding.UTF8.GetBytes(received.Body)));
        Assert.Equal(expected, received.Header("X-Signature"));
    }

    [Fact]
    public void Generic_hmac_without_a_token_is_refused_when_the_provider_is_created()
    {
        var ex = Assert.Throws<NotificationException>(() => NotifierFactory.Create(ProviderRig.Settings(ProviderTypes.GenericHmac) with { Address = Url() }));

        Assert.Equal("Provider flux-system/generic-hmac: type generic-hmac needs a token; set the 'token' key in spec.secretRef's Secret", ex.Message);
    }

    [Fact]
    public async Task Slack_webhook_gets_one_attachment_coloured_by_severity_with_metadata_fields()
    {
        var settings = ProviderRig.Settings(ProviderTypes.Slack) with { Address = Url(), Channel = "#deploys", Username = "flux-bot" };

        var body = (await rig.SendAsync(settings, TestEvents.Failed())).Json;

        Assert.Equal("#deploys", (string?)body["channel"]);
        Assert.Equal("flux-bot", (string?)body["username"]);
        var attachment = body["attachments"]![0]!;
        Assert.Equal("danger", (string?)attachment["color"]);
        Assert.Equal("kustomization/podinfo.flux-system", (string?)attachment["author_name"]);
        Assert.Equal(TestEvents.Failed().Message, (string?)attachment["text"]);
        Assert.Equal("kustomize.toolkit.fluxcd.io/revision", (string?)attachment["fields"]![0]!["title"]);
        Assert.Equal("main@sha1:" + TestEvents.Sha, (string?)attachment["fields"]![0]!["value"]);
    }

    [Fact]
    public async Task Slack_with_a_bot_token_calls_chat_postMessage_with_bearer_auth_and_the_channel()
    {
        var settings = ProviderRig.Settings(ProviderTypes.Slack) with { Address = Url("/api/chat.postMessage"), Token = "xoxb-1", Channel = "C123" };

        var received = await rig.SendAsync(settings, TestEvents.Succeeded());

        Assert.Equal("/api/chat.postMessage", received.Path);
        Assert.Equal("Bearer xoxb-1", received.Header("Authorization"));
        Assert.Equal("C123", (string?)received.Json["channel"]);
        Assert.Equal("good", (string?)received.Json["attachments"]![0]!["color"]);
    }

    [Fact]
    public void Slack_with_a_bot_token_but_no_channel_is_refused()
    {
        Assert.Throws<NotificationException>(() => NotifierFactory.Create(ProviderRig.Settings(ProviderTypes.Slack) with { Token = "xoxb-1" }));
    }

    [Theory]
    [InlineData(ProviderTypes.Discord, "/hook/slack")]
    [InlineData(ProviderTypes.Rocket, "/hook")]
    [InlineData(ProviderTypes.Mattermost, "/hook")]
    public async Task Slack_compatible_webhooks_receive_slack_attachments(string type, string path)
    {
        var received = await rig.SendAsync(ProviderRig.Settings(type) with { Address = Url() }, TestEvents.Succeeded());

        Assert.Equal(path, received.Path);
        Assert.Null(received.Header("Authorization"));
        Assert.Equal("kustomization/podinfo.flux-system", (string?)received.Json["attachments"]![0]!["author_name"]);
    }

    [Fact]
    public async Task Msteams_posts_a_message_with_an_adaptive_card()
    {
        var body = (await rig.SendAsync(ProviderRig.Settings(ProviderTypes.MsTeams) with { Address = Url() }, TestEvents.Succeeded())).Json;

        Assert.Equal("message", (string?)body["type"]);
        var attachment = body["attachments"]![0]!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)attachment["contentType"]);
        var card = attachment["content"]!;
        Assert.Equal("AdaptiveCard", (string?)card["type"]);
        Assert.Equal("http://adaptivecards.io/schemas/adaptive-card.json", (string?)card["$schema"]);
        var blocks = card["body"]!.AsArray();
        Assert.Equal(["TextBlock", "TextBlock", "FactSet"], blocks.Select(b => (string)b!["type"]!));
        Assert.Equal("kustomization/podinfo.flux-system", (string?)blocks[0]!["text"]);
        Assert.Contains(blocks[2]!["facts"]!.AsArray(), f => (string?)f!["title"] == "kustomize.toolkit.fluxcd.io/revision");
    }

    [Fact]
    public async Task Googlechat_posts_a_cardsV2_card_with_header_and_widgets()
    {
        var body = (await rig.SendAsync(ProviderRig.Settings(ProviderTypes.GoogleChat) with { Address = Url() }, TestEvents.Succeeded())).Json;

        var card = body["cardsV2"]![0]!;
        Assert.False(string.IsNullOrEmpty((string?)card["cardId"]));
        Assert.Equal("kustomization/podinfo.flux-system", (string?)card["card"]!["header"]!["title"]);
        var widgets = card["card"]!["sections"]![0]!["widgets"]!.AsArray();
        Assert.Equal(TestEvents.Succeeded().Message, (string?)widgets[0]!["textParagraph"]!["text"]);
        Assert.Equal("kustomize.toolkit.fluxcd.io/commit_status", (string?)widgets[1]!["decoratedText"]!["topLabel"]);
    }

    [Fact]
    public async Task Matrix_puts_an_m_text_message_into_the_room_with_a_transaction_id()
    {
        var settings = ProviderRig.Settings(ProviderTypes.Matrix) with { Address = Url(string.Empty), Token = "syt_abc", Channel = "!room:example.org" };

        var received = await rig.SendAsync(settings, TestEvents.Succeeded());

        Assert.Equal("PUT", received.Method);
        Assert.Matches("^/_matrix/client/v3/rooms/!room:example.org/send/m.room.message/[0-9a-f]{32}$", received.Path);
        Assert.Equal("Bearer syt_abc", received.Header("Authorization"));
        Assert.Equal("m.text", (string?)received.Json["msgtype"]);
        Assert.Contains(TestEvents.Succeeded().Message, (string?)received.Json["body"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Telegram_calls_sendMessage_with_the_chat_id_and_escaped_MarkdownV2()
    {
        var settings = ProviderRig.Settings(ProviderTypes.Telegram) with { Address = Url(), Token = "123:ABC", Channel = "-100200" };

        var received = await rig.SendAsync(settings, TestEvents.Succeeded());

        Assert.Equal("/hook/bot123:ABC/sendMessage", received.Path);
        Assert.Equal("-100200", (string?)received.Json["chat_id"]);
        Assert.Equal("MarkdownV2", (string?)received.Json["parse_mode"]);
        Assert.StartsWith("*kustomization/podinfo\\.flux\\-system*\nReconciliation finished in 1\\.2s", (string?)received.Json["text"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lark_posts_an_interactive_card_with_a_red_header_for_errors()
    {
        var body = (await rig.SendAsync(ProviderRig.Settings(ProviderTypes.Lark) with { Address = Url() }, TestEvents.Failed())).Json;

        Assert.Equal("interactive", (string?)body["msg_type"]);
        Assert.Equal("red", (string?)body["card"]!["header"]!["template"]);
        Assert.Equal("plain_text", (string?)body["card"]!["header"]!["title"]!["tag"]);
        var element = body["card"]!["elements"]![0]!;
        Assert.Equal("lark_md", (string?)element["text"]!["tag"]);
        Assert.StartsWith(TestEvents.Failed().Message, (string?)element["text"]!["content"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Webex_posts_markdown_to_the_room_with_the_bot_token()
    {
        var settings = ProviderRig.Settings(ProviderTypes.Webex) with { Address = Url("/v1/messages"), Token = "bot-token", Channel = "Y2lzY29zcGFyazovL3Vz" };

        var received = await rig.SendAsync(settings, TestEvents.Succeeded());

        Assert.Equal("Bearer bot-token", received.Header("Authorization"));
        Assert.Equal("Y2lzY29zcGFyazovL3Vz", (string?)received.Json["roomId"]);
        Assert.Contains("**kustomization/podinfo.flux-system**", (string?)received.Json["markdown"], StringComparison.Ordinal);
    }

    [Fact]
    public void An_unsupported_type_is_refused_by_name()
    {
        var ex = Assert.Throws<NotificationException>(() => NotifierFactory.Create(ProviderRig.Settings("carrier-pigeon") with { Address = Url() }));

        Assert.Equal("Provider flux-system/carrier-pigeon: provider type 'carrier-pigeon' is not supported by Gyre", ex.Message);
    }

    [Fact]
    public void Settings_print_without_credentials()
    {
        var settings = ProviderRig.Settings(ProviderTypes.Slack) with { Token = "xoxb-secret", Address = "https://hooks.slack.com/services/T/B/secret" };

        Assert.DoesNotContain("secret", settings.ToString(), StringComparison.Ordinal);
        var request = NotifierFactory.Create(settings with { Channel = "C1" }).Build(TestEvents.Succeeded())!;
        Assert.DoesNotContain("secret", request.ToString(), StringComparison.Ordinal);
    }
}
