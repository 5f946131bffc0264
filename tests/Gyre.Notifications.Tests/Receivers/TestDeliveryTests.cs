using Gyre.Notifications.Receivers;

namespace Gyre.Notifications.Tests.Receivers;

public sealed class TestDeliveryTests
{
    public static TheoryData<string> SignableTypes => [.. ReceiverTypes.All.Where(t => t != ReceiverTypes.Gcr)];

    [Theory]
    [MemberData(nameof(SignableTypes))]
    public void Builds_a_delivery_each_type_accepts(string type)
    {
        var delivery = TestDelivery.Build(type, Deliveries.Token, null, null, DateTimeOffset.UnixEpoch);

        var verdict = Deliveries.Verify(Deliveries.Spec(type), delivery);

        Assert.True(verdict.Accepted, verdict.Message);
    }

    [Fact]
    public void Signs_a_given_payload_and_event()
    {
        var delivery = TestDelivery.Build(ReceiverTypes.GitHub, Deliveries.Token, System.Text.Encoding.UTF8.GetBytes(Deliveries.PushBody), "release", DateTimeOffset.UnixEpoch);

        Assert.Equal(Deliveries.PushSha256, delivery.Header("X-Hub-Signature-256"));
        Assert.Equal("release", delivery.Header("X-GitHub-Event"));
    }

    [Fact]
    public void Refuses_gcr_because_only_Google_can_sign_its_tokens() =>
        Assert.Throws<ReceiverException>(() => TestDelivery.Build(ReceiverTypes.Gcr, "t", null, null, DateTimeOffset.UnixEpoch));
}
