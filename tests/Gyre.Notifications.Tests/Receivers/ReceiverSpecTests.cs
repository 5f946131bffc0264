using Gyre.Notifications.Receivers;

namespace Gyre.Notifications.Tests.Receivers;

public sealed class ReceiverSpecTests
{
    [Fact]
    public void Reads_type_events_resources_filter_and_secret()
    {
        var spec = ReceiverSpec.From(Deliveries.Receiver("""
            {"type":"github","interval":"5m","events":["push","ping"],"secretRef":{"name":"token"},"resourceFilter":"res.metadata.name == 'a'",
             "resources":[{"kind":"GitRepository","name":"fleet"},{"apiVersion":"kustomize.toolkit.fluxcd.io/v1","kind":"Kustomization","name":"*","namespace":"other","matchLabels":{"team":"a","app":"web"}}]}
            """));

        Assert.Equal("github", spec.Type);
        Assert.Equal("5m", spec.Interval);
        Assert.Equal(["push", "ping"], spec.Events);
        Assert.Equal("token", spec.SecretName);
        Assert.Equal("res.metadata.name == 'a'", spec.ResourceFilter);
        Assert.Equal("source.toolkit.fluxcd.io/v1", spec.Resources[0].ResolvedApiVersion);
        Assert.Equal("apps", spec.Resources[0].NamespaceOr("apps"));
        Assert.True(spec.Resources[1].IsWildcard);
        Assert.Equal("other", spec.Resources[1].NamespaceOr("apps"));
        Assert.Equal("app=web,team=a", spec.Resources[1].LabelSelector);
    }

    [Theory]
    [InlineData("""{"type":"svn","secretRef":{"name":"t"},"resources":[]}""", "spec.type: unsupported type 'svn'")]
    [InlineData("""{"type":"github","resources":[]}""", "spec.secretRef.name is required")]
    [InlineData("""{"type":"github","secretRef":{"name":"t"},"resources":[{"kind":"GitRepository"}]}""", "spec.resources[0]: kind and name are required")]
    [InlineData("""{"type":"github","secretRef":{"name":"t"},"resources":[{"kind":"GitRepository","name":"*"}]}""", "matchLabels field not set when using wildcard")]
    public void Refuses_invalid_specs_naming_the_receiver_and_the_field(string json, string why)
    {
        var ex = Assert.Throws<ReceiverException>(() => ReceiverSpec.From(Deliveries.Receiver(json)));

        Assert.StartsWith("Receiver/apps/hook: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(why, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_kind_without_a_default_api_version_needs_one() =>
        Assert.Null(new ReceiverResource(null, "Kustomization", "apps", null, null).ResolvedApiVersion);
}
