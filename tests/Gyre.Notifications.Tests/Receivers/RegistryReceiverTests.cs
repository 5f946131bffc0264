using Gyre.Notifications.Receivers;
using static Gyre.Notifications.Tests.Receivers.Deliveries;

namespace Gyre.Notifications.Tests.Receivers;

public sealed class RegistryReceiverTests
{
    private const string NexusBody = """{"action":"CREATED","repositoryName":"maven-releases"}""";

    // python3: hmac.new(b's3cr3t', NexusBody, hashlib.sha1).hexdigest()
    private const string NexusSignature = "b77963538898e42b18bcbcdeb61907f86fb32beb";

    [Fact]
    public void Harbor_accepts_the_token_in_the_Authorization_header_and_refuses_others()
    {
        Assert.True(Verify(Spec(ReceiverTypes.Harbor), Json("{}", ("Authorization", Token))).Accepted);
        Assert.Equal("the Harbor Authorization header value does not match the receiver token",
            Verify(Spec(ReceiverTypes.Harbor), Json("{}", ("Authorization", "Bearer " + Token))).Message);
        Assert.False(Verify(Spec(ReceiverTypes.Harbor), Json("{}")).Accepted);
    }

    [Fact]
    public void Nexus_accepts_the_hex_HMAC_SHA1_of_the_body()
    {
        var verdict = Verify(Spec(ReceiverTypes.Nexus), Json(NexusBody, ("X-Nexus-Webhook-Signature", NexusSignature)));

        Assert.True(verdict.Accepted, verdict.Message);
        Assert.Equal("handling Nexus event from maven-releases", verdict.Message);
    }

    [Fact]
    public void Nexus_refuses_a_missing_or_wrong_signature()
    {
        Assert.Equal("Nexus signature is missing from header X-Nexus-Webhook-Signature", Verify(Spec(ReceiverTypes.Nexus), Json(NexusBody)).Message);
        Assert.Equal("invalid Nexus signature",
            Verify(Spec(ReceiverTypes.Nexus), Json(NexusBody, ("X-Nexus-Webhook-Signature", NexusSignature.ToUpperInvariant()))).Message);
    }

    [Theory]
    [InlineData(ReceiverTypes.Quay, """{"docker_url":"quay.io/org/app","updated_tags":["v1"]}""")]
    [InlineData(ReceiverTypes.DockerHub, """{"push_data":{"tag":"v1"},"repository":{"repo_url":"https://hub.docker.com/r/org/app"}}""")]
    [InlineData(ReceiverTypes.Acr, """{"action":"push","target":{"repository":"org/app","tag":"v1"}}""")]
    [InlineData(ReceiverTypes.Quay, "null")]
    public void Registry_payloads_in_the_services_format_are_accepted(string type, string body) =>
        Assert.True(Verify(Spec(type), Json(body)).Accepted);

    [Theory]
    [InlineData(ReceiverTypes.Quay, """{"updated_tags":"v1"}""", "field 'updated_tags' must be an array")]
    [InlineData(ReceiverTypes.Quay, """{"updated_tags":[1]}""", "field 'updated_tags' must be an array of strings")]
    [InlineData(ReceiverTypes.DockerHub, """{"push_data":"v1"}""", "field 'push_data' must be an object")]
    [InlineData(ReceiverTypes.Acr, """[1]""", "expected a JSON object")]
    [InlineData(ReceiverTypes.Acr, "", "the body is empty")]
    [InlineData(ReceiverTypes.Acr, "{", "the body is not JSON")]
    public void Registry_payloads_that_do_not_decode_are_refused(string type, string body, string why) =>
        Assert.Contains(why, Verify(Spec(type), Json(body)).Message, StringComparison.Ordinal);

    [Fact]
    public void CDEvents_accepts_a_valid_event_and_filters_on_Ce_Type()
    {
        var body = TestDelivery.Build(ReceiverTypes.CdEvents, Token, null, null, DateTimeOffset.UnixEpoch).Body;
        var spec = Spec(ReceiverTypes.CdEvents, "dev.cdevents.change.merged.0.2.0");
        var delivery = new WebhookDelivery([new("Content-Type", "application/json"), new("Ce-Type", "dev.cdevents.change.merged.0.2.0")], body);
        var other = new WebhookDelivery([new("Content-Type", "application/json"), new("Ce-Type", "dev.cdevents.build.started.0.1.0")], body);

        Assert.True(Verify(spec, delivery).Accepted);
        Assert.Equal("the CDEvent 'dev.cdevents.build.started.0.1.0' is not authorised", Verify(spec, other).Message);
    }

    [Theory]
    [InlineData("""{"subject":{"id":"x","content":{}}}""", "'context' is required")]
    [InlineData("""{"context":{"specversion":"0.4.1","id":"1","source":"s","type":"com.example.push","timestamp":"2024-01-01T00:00:00Z"},"subject":{"id":"x","content":{}}}""", "is not a CDEvents type")]
    [InlineData("""{"context":{"specversion":"0.4.1","id":"1","source":"s","type":"dev.cdevents.change.merged.0.2.0","timestamp":"yesterday"},"subject":{"id":"x","content":{}}}""", "RFC 3339")]
    [InlineData("""{"context":{"specversion":"0.4.1","id":"1","source":"s","type":"dev.cdevents.change.merged.0.2.0","timestamp":"2024-01-01T00:00:00Z"}}""", "'subject.id' is required")]
    public void CDEvents_refuses_bodies_that_are_not_CDEvents(string body, string why) =>
        Assert.Contains(why, Verify(Spec(ReceiverTypes.CdEvents), Json(body)).Message, StringComparison.Ordinal);

    [Fact]
    public void An_unknown_type_is_refused() =>
        Assert.Equal("receiver type 'svn' not supported", Verify(Spec("svn"), Json("{}")).Message);
}
