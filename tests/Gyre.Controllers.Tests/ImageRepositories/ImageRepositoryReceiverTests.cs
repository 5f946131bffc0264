using Gyre.Controllers.Tests.Support;
using Gyre.Notifications.Receivers;
using static Gyre.Controllers.Tests.Receivers.ReceiverRig;

namespace Gyre.Controllers.Tests.ImageRepositories;

/// <summary>A registry webhook (harbor) delivered to a Receiver rescans the ImageRepository at once, and its policies follow.</summary>
[Collection(ControllersCollection.Name)]
public sealed class ImageRepositoryReceiverTests(ControllersFixture rig, RegistryFixture registries) : IClassFixture<RegistryFixture>
{
    private const string Token = "harbor-webhook-token";

    [Fact]
    public async Task A_harbor_push_webhook_rescans_the_ImageRepository_and_its_policy_picks_the_new_tag()
    {
        var ns = await rig.NamespaceAsync("imgrecv");
        var image = $"{registries.Anonymous.Host}/app/{ns}";
        await ImageObjects.PushAsync(registries.Anonymous, "app/" + ns, "1.0.0");
        await rig.ApplyAsync(ImageObjects.Repository(ns, "app", image));
        await rig.ApplyAsync(ImageObjects.Policy(ns, "app", "app", "semver:\n      range: \">=1.0.0\""));
        await rig.WaitForImageAsync("ImagePolicy", ns, "app", "True", "Succeeded", "resolved to 1.0.0");
        await rig.ApplyAsync(Secret(ns, "webhook-token", Token));
        // No apiVersion: the Receiver's default for ImageRepository is image.toolkit.fluxcd.io/v1.
        await rig.ApplyAsync(Receiver(ns, "harbor", "harbor", "  - kind: ImageRepository\n    name: app"));
        await WaitForReceiverAsync(rig, ns, "harbor", "True");

        await ImageObjects.PushAsync(registries.Anonymous, "app/" + ns, "1.1.0");
        var status = await PostWhenServedAsync(rig, WebhookPath.For(Token, "harbor", ns),
            Utf8("""{"type":"PUSH_ARTIFACT","event_data":{"repository":{"repo_full_name":"app"}}}"""), ("Authorization", Token));

        Assert.Equal(200, status);
        await rig.WaitForImageAsync("ImageRepository", ns, "app", "True", "Succeeded", "successful scan: found 2 tags");
        await rig.WaitForImageAsync("ImagePolicy", ns, "app", "True", "Succeeded", $"Latest image tag for '{image}' updated from 1.0.0 to 1.1.0");
    }
}
