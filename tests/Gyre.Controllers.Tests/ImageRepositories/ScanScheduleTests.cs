using System.Text.Json.Nodes;
using Gyre.Api.Image;
using Gyre.Controllers.ImageRepositories;
using Gyre.Images;
using Gyre.Manifests;

namespace Gyre.Controllers.Tests.ImageRepositories;

/// <summary>When an ImageRepository scans (image-reflector-controller's shouldScan, plus Gyre's rescans after failures).</summary>
public sealed class ScanScheduleTests
{
    private static readonly DateTimeOffset ScanTime = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static KubeObject Scanned(string? requestedAt = null, string? handledAt = null, string ready = "True", long observedGeneration = 1,
        string exclusions = """["^.*\\.sig$"]""", string canonical = "ghcr.io/org/app")
    {
        var annotations = requestedAt is null ? "{}" : $$"""{"reconcile.fluxcd.io/requestedAt":"{{requestedAt}}"}""";
        var handled = handledAt is null ? "" : $$"""
            "lastHandledReconcileAt":"{{handledAt}}",
            """;
        return new KubeObject(JsonNode.Parse($$"""
            {"apiVersion":"image.toolkit.fluxcd.io/v1","kind":"ImageRepository",
             "metadata":{"name":"app","namespace":"ns","generation":1,"annotations":{{annotations}}},
             "spec":{"image":"ghcr.io/org/app","interval":"10m"},
             "status":{"observedGeneration":{{observedGeneration}},"canonicalImageName":"{{canonical}}","observedExclusionList":{{exclusions}},
               "conditions":[{"type":"Ready","status":"{{ready}}","reason":"Succeeded","message":"m","lastTransitionTime":"2026-01-01T12:00:00Z"}],
               {{handled}}
               "lastScanResult":{"tagCount":1,"scanTime":"2026-01-01T12:00:00Z"}
             }
            }
            """)!.AsObject());
    }

    private static (bool Now, TimeSpan Wait, string Why) Decide(KubeObject obj, bool stored = true, int minutesLater = 4) =>
        ScanSchedule.Decide(obj, ImageRepositorySpec.From(obj), ImageName.Parse("ghcr.io/org/app"), stored, ScanTime.AddMinutes(minutesLater));

    [Fact]
    public void An_unchanged_repository_waits_for_the_rest_of_the_interval()
    {
        var (now, wait, _) = Decide(Scanned());

        Assert.False(now);
        Assert.Equal(TimeSpan.FromMinutes(6), wait);
    }

    [Theory]
    [InlineData("interval", "triggered by interval")]
    [InlineData("request", "reconcile requested")]
    [InlineData("handled", "")]
    [InlineData("image", "new image name")]
    [InlineData("exclusions", "updated exclusion list")]
    [InlineData("store", "no tags in database")]
    [InlineData("failed", "new generation or last attempt failed")]
    [InlineData("generation", "new generation or last attempt failed")]
    public void Each_change_Flux_watches_scans_at_once(string change, string why)
    {
        var decision = change switch
        {
            "interval" => Decide(Scanned(), minutesLater: 10),
            "request" => Decide(Scanned(requestedAt: "b", handledAt: "a")),
            "handled" => Decide(Scanned(requestedAt: "a", handledAt: "a")),
            "image" => Decide(Scanned(canonical: "ghcr.io/org/old")),
            "exclusions" => Decide(Scanned(exclusions: """["^dev-"]""")),
            "store" => Decide(Scanned(), stored: false),
            "failed" => Decide(Scanned(ready: "False")),
            _ => Decide(Scanned(observedGeneration: 0)),
        };

        Assert.Equal(why.Length > 0, decision.Now);
        Assert.Equal(why, decision.Why);
    }
}
