using System.Text.Json.Nodes;
using Gyre.Notifications.Receivers;
using static Gyre.Notifications.Tests.Receivers.Deliveries;

namespace Gyre.Notifications.Tests.Receivers;

public sealed class ResourceFilterTests
{
    private static readonly JsonObject Apps = (JsonObject)JsonNode.Parse(
        """{"apiVersion":"source.toolkit.fluxcd.io/v1","kind":"GitRepository","metadata":{"name":"apps","namespace":"team","labels":{"branch":"main"}},"spec":{"url":"x"}}""")!;

    [Theory]
    [InlineData("res.metadata.name == 'apps'", true)]
    [InlineData("res.metadata.name == 'infra'", false)]
    [InlineData("req.ref == 'refs/heads/' + res.metadata.labels.branch", true)]
    [InlineData("has(res.spec)", false)]
    public void Evaluates_over_the_resource_metadata_and_the_request_body(string expression, bool expected)
    {
        var delivery = Json(PushBody);
        var request = ResourceFilter.Request("Receiver/team/hook", delivery, ReceiverVerdict.Accept("ok", filterBody: delivery.Body));

        Assert.Equal(expected, ResourceFilter.Compile("Receiver/team/hook", expression).Accepts("Receiver/team/hook", Apps, request));
    }

    [Fact]
    public void A_body_that_is_not_JSON_content_is_an_empty_request()
    {
        var delivery = Raw("text/plain", "not json");

        Assert.Empty(ResourceFilter.Request("w", delivery, ReceiverVerdict.Accept("ok")).AsObject());
    }

    [Fact]
    public void A_syntax_error_names_the_field()
    {
        var ex = Assert.Throws<ReceiverException>(() => ResourceFilter.Compile("Receiver/team/hook", "res.metadata.name =="));

        Assert.StartsWith("Receiver/team/hook: compiling spec.resourceFilter: ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_non_boolean_result_is_an_error() =>
        Assert.Throws<ReceiverException>(() => ResourceFilter.Compile("w", "res.metadata.name").Accepts("w", Apps, new JsonObject()));
}
