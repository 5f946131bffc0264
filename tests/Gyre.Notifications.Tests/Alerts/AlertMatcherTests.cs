using System.Text.Json.Nodes;
using Gyre.Notifications.Alerts;
using Gyre.Notifications.Events;
using Gyre.Notifications.Tests.Support;

namespace Gyre.Notifications.Tests.Alerts;

public sealed class AlertMatcherTests
{
    private static AlertSpec Alert(string spec, string ns = "flux-system") =>
        AlertSpec.FromObject(JsonNode.Parse("{\"metadata\":{\"name\":\"a\",\"namespace\":\"" + ns + "\"},\"spec\":{\"providerRef\":{\"name\":\"p\"}," + spec + "}}")!.AsObject());

    private static ValueTask<bool> Matches(AlertSpec alert, FluxEvent ev, IReadOnlyDictionary<string, string>? labels = null) =>
        AlertMatcher.MatchesAsync(alert, ev, (_, _) => ValueTask.FromResult(labels), CancellationToken.None);

    [Theory]
    [InlineData("""{"kind":"Kustomization","name":"podinfo"}""", true)]
    [InlineData("""{"kind":"Kustomization","name":"*"}""", true)]
    [InlineData("""{"kind":"Kustomization","name":"pod*"}""", true)]
    [InlineData("""{"kind":"Kustomization","name":"*info"}""", true)]
    [InlineData("""{"kind":"Kustomization","name":"p*d*o"}""", true)]
    [InlineData("""{"kind":"Kustomization","name":"podinfo-*"}""", false)]
    [InlineData("""{"kind":"Kustomization","name":"other"}""", false)]
    [InlineData("""{"kind":"GitRepository","name":"*"}""", false)]
    [InlineData("""{"kind":"Kustomization","name":"*","namespace":"apps"}""", false)]
    [InlineData("""{"kind":"Kustomization","name":"*","namespace":"flux-system"}""", true)]
    public async Task Event_sources_match_by_kind_name_glob_and_namespace(string source, bool expected)
    {
        var alert = Alert($"\"eventSources\":[{source}]");

        Assert.Equal(expected, await Matches(alert, TestEvents.Succeeded()));
    }

    [Fact]
    public async Task The_namespace_of_a_source_defaults_to_the_Alerts()
    {
        var alert = Alert("\"eventSources\":[{\"kind\":\"Kustomization\",\"name\":\"*\"}]", ns: "apps");

        Assert.False(await Matches(alert, TestEvents.Succeeded()));
    }

    [Theory]
    [InlineData("info", "info", true)]
    [InlineData("info", "error", true)]
    [InlineData("error", "info", false)]
    [InlineData("error", "error", true)]
    [InlineData("info", "trace", false)]
    public async Task An_error_Alert_forwards_only_errors_and_trace_events_never_leave(string alertSeverity, string eventSeverity, bool expected)
    {
        var alert = Alert($"\"eventSeverity\":\"{alertSeverity}\",\"eventSources\":[{{\"kind\":\"Kustomization\",\"name\":\"*\"}}]");

        Assert.Equal(expected, await Matches(alert, TestEvents.Succeeded(severity: eventSeverity)));
    }

    [Theory]
    [InlineData("[]", "[]", true)]
    [InlineData("""[".*finished.*"]""", "[]", true)]
    [InlineData("""["^Health"]""", "[]", false)]
    [InlineData("[]", """["next run in \\d+m"]""", false)]
    [InlineData("""[".*finished.*"]""", """["finished"]""", false)]
    [InlineData("""["^nothing$", "Reconciliation"]""", """["^nothing$"]""", true)]
    public async Task Inclusion_and_exclusion_lists_filter_by_message_and_exclusion_wins(string inclusion, string exclusion, bool expected)
    {
        var alert = Alert($"\"inclusionList\":{inclusion},\"exclusionList\":{exclusion},\"eventSources\":[{{\"kind\":\"Kustomization\",\"name\":\"*\"}}]");

        Assert.Equal(expected, await Matches(alert, TestEvents.Succeeded()));
    }

    [Fact]
    public async Task Match_labels_compare_with_the_involved_objects_labels()
    {
        var alert = Alert("\"eventSources\":[{\"kind\":\"Kustomization\",\"name\":\"*\",\"matchLabels\":{\"team\":\"a\"}}]");

        Assert.True(await Matches(alert, TestEvents.Succeeded(), new Dictionary<string, string> { ["team"] = "a", ["x"] = "y" }));
        Assert.False(await Matches(alert, TestEvents.Succeeded(), new Dictionary<string, string> { ["team"] = "b" }));
        Assert.False(await Matches(alert, TestEvents.Succeeded(), null));
    }

    [Fact]
    public async Task A_suspended_Alert_forwards_nothing()
    {
        var alert = Alert("\"suspend\":true,\"eventSources\":[{\"kind\":\"Kustomization\",\"name\":\"*\"}]");

        Assert.False(await Matches(alert, TestEvents.Succeeded()));
    }

    [Theory]
    [InlineData("\"eventSources\":[]", "spec.eventSources must list at least one source")]
    [InlineData("\"eventSources\":[{\"kind\":\"Kustomization\",\"name\":\"a\",\"matchLabels\":{\"a\":\"b\"}}]", "spec.eventSources[0].matchLabels requires name '*'")]
    [InlineData("\"inclusionList\":[\"(\"],\"eventSources\":[{\"kind\":\"Kustomization\",\"name\":\"a\"}]", "spec.inclusionList[0] '(' is not a valid regular expression")]
    [InlineData("\"eventSeverity\":\"warn\",\"eventSources\":[{\"kind\":\"Kustomization\",\"name\":\"a\"}]", "spec.eventSeverity 'warn' is not info or error")]
    public void An_invalid_Alert_is_refused_naming_the_field(string spec, string reason)
    {
        var ex = Assert.Throws<NotificationException>(() => Alert(spec));

        Assert.Equal($"Alert flux-system/a: {reason}", ex.Message[..Math.Min(ex.Message.Length, $"Alert flux-system/a: {reason}".Length)]);
    }

    [Fact]
    public void Alert_metadata_and_summary_merge_below_the_controllers_metadata()
    {
        var alert = Alert("""
            "summary":"prod cluster","eventMetadata":{"env":"prod","cluster":"eu-1","kustomize.toolkit.fluxcd.io/revision":"forged"},
            "eventSources":[{"kind":"Kustomization","name":"*"}]
            """);
        var ev = TestEvents.Succeeded();
        ev = ev with { Metadata = new Dictionary<string, string>(ev.Metadata) { ["env"] = "from-annotation", ["summary"] = "from-annotation" } };

        var enriched = alert.Enrich(ev).Metadata;

        Assert.Equal("prod", enriched["env"]);
        Assert.Equal("eu-1", enriched["cluster"]);
        Assert.Equal("prod cluster", enriched["summary"]);
        Assert.Equal("main@sha1:" + TestEvents.Sha, enriched["kustomize.toolkit.fluxcd.io/revision"]);
    }
}
