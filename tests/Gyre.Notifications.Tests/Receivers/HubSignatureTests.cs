using System.Text;
using Gyre.Notifications.Receivers;

namespace Gyre.Notifications.Tests.Receivers;

public sealed class HubSignatureTests
{
    [Fact]
    public void Accepts_the_example_from_GitHubs_webhook_documentation()
    {
        // docs.github.com "Validating webhook deliveries": secret "It's a Secret to Everybody", payload "Hello, World!".
        var body = Encoding.UTF8.GetBytes("Hello, World!");
        const string header = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

        Assert.Null(HubSignature.Check(header, body, "It's a Secret to Everybody"));
        Assert.Equal(header, HubSignature.Sign("sha256", body, "It's a Secret to Everybody"));
    }

    [Theory]
    [InlineData(Deliveries.PushSha1)]
    [InlineData(Deliveries.PushSha256)]
    [InlineData(Deliveries.PushSha512)]
    public void Accepts_sha1_sha256_and_sha512_signatures(string header) =>
        Assert.Null(HubSignature.Check(header, Encoding.UTF8.GetBytes(Deliveries.PushBody), Deliveries.Token));

    [Theory]
    [InlineData(null, "missing signature")]
    [InlineData("", "missing signature")]
    [InlineData("8588fd50c04ac2c191575340c4c0fe28", "error parsing signature")]
    [InlineData("md5=8588fd50c04ac2c191575340c4c0fe28", "unknown hash type prefix 'md5'")]
    [InlineData("sha256=zz", "error decoding signature")]
    [InlineData("sha256=8588fd50c04ac2c191575340c4c0fe284157898def8e4d10af822f05dd7c9bb6", "payload signature check failed")]
    [InlineData("sha1=8588fd50c04ac2c191575340c4c0fe284157898def8e4d10af822f05dd7c9bb5", "payload signature check failed")]
    public void Refuses_missing_malformed_and_wrong_signatures(string? header, string why) =>
        Assert.StartsWith(why, HubSignature.Check(header, Encoding.UTF8.GetBytes(Deliveries.PushBody), Deliveries.Token), StringComparison.Ordinal);

    [Fact]
    public void Refuses_a_signature_made_with_another_token() =>
        Assert.NotNull(HubSignature.Check(Deliveries.PushSha256, Encoding.UTF8.GetBytes(Deliveries.PushBody), "other"));
}
