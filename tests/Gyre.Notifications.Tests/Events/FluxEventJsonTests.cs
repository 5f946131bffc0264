using System.Text;
using Gyre.Notifications.Events;
using Gyre.Notifications.Tests.Support;

namespace Gyre.Notifications.Tests.Events;

public sealed class FluxEventJsonTests
{
    // Written from fluxcd/pkg/apis/event/v1beta1.Event as encoding/json prints it: struct field order,
    // corev1.ObjectReference's order (kind, namespace, name, uid, apiVersion, resourceVersion), map keys sorted.
    private const string Expected =
        """{"involvedObject":{"kind":"Kustomization","namespace":"flux-system","name":"podinfo","uid":"0c5e7d4e-9c4c-4d2c-9f1e-1a2b3c4d5e6f","apiVersion":"kustomize.toolkit.fluxcd.io/v1","resourceVersion":"4242"},"severity":"info","timestamp":"2026-12-07T10:30:15Z","message":"Reconciliation finished in 1.2s, next run in 10m0s","reason":"ReconciliationSucceeded","metadata":{"kustomize.toolkit.fluxcd.io/commit_status":"update","kustomize.toolkit.fluxcd.io/revision":"main@sha1:d3b07384d113edec49eaa6238ad5ff00c6e2bf53"},"reportingController":"kustomize-controller","reportingInstance":"kustomize-controller-7f9c8d-x2x4z"}""";

    [Fact]
    public void An_event_serializes_exactly_as_Flux_encodes_it()
    {
        Assert.Equal(Expected, FluxEventJson.Serialize(TestEvents.Succeeded()));
    }

    [Fact]
    public void Parsing_Flux_JSON_gives_back_the_same_event()
    {
        var parsed = FluxEventJson.Parse(Encoding.UTF8.GetBytes(Expected));

        Assert.Equal(Expected, FluxEventJson.Serialize(parsed));
        Assert.Equal("main@sha1:" + TestEvents.Sha, parsed.MetadataValue("revision"));
    }

    [Fact]
    public void Empty_metadata_and_reporting_instance_are_omitted_and_HTML_characters_escaped()
    {
        var ev = TestEvents.Succeeded(message: "a <b> & c") with { Metadata = new Dictionary<string, string>(), ReportingInstance = null };

        var json = FluxEventJson.Serialize(ev);

        Assert.DoesNotContain("metadata", json, StringComparison.Ordinal);
        Assert.DoesNotContain("reportingInstance", json, StringComparison.Ordinal);
        Assert.Contains("""a \u003cb\u003e \u0026 c""", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"severity":"info"}""", "involvedObject is required")]
    [InlineData("""{"involvedObject":{"kind":"Kustomization","name":"a"},"timestamp":"2026-01-01T00:00:00Z","message":"m","reason":"r","reportingController":"c"}""", "severity is required")]
    [InlineData("""{"involvedObject":{"kind":"Kustomization"},"severity":"info"}""", "involvedObject.name is required")]
    [InlineData("not json", "not valid JSON")]
    public void An_incomplete_event_is_refused_with_the_missing_field(string body, string reason)
    {
        var ex = Assert.Throws<NotificationException>(() => FluxEventJson.Parse(Encoding.UTF8.GetBytes(body)));

        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }
}
