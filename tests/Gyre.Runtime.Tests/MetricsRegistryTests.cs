using Gyre.Runtime.Metrics;

namespace Gyre.Runtime.Tests;

public sealed class MetricsRegistryTests
{
    [Fact]
    public void Renders_the_prometheus_text_format()
    {
        var registry = new MetricsRegistry();
        registry.Counter("b_total", "Things done", "kind").Add(2, "Kustomization");
        registry.Histogram("a_seconds", "Durations", [0.1, 1], "kind").Observe(0.5, "Git\"Repo");
        Assert.Equal(
            "# HELP a_seconds Durations\n# TYPE a_seconds histogram\n" +
            "a_seconds_bucket{kind=\"Git\\\"Repo\",le=\"0.1\"} 0\na_seconds_bucket{kind=\"Git\\\"Repo\",le=\"1\"} 1\na_seconds_bucket{kind=\"Git\\\"Repo\",le=\"+Inf\"} 1\n" +
            "a_seconds_sum{kind=\"Git\\\"Repo\"} 0.5\na_seconds_count{kind=\"Git\\\"Repo\"} 1\n" +
            "# HELP b_total Things done\n# TYPE b_total counter\nb_total{kind=\"Kustomization\"} 2\n",
            registry.Render());
    }

    [Fact]
    public void Registering_a_name_twice_with_other_labels_is_refused()
    {
        var registry = new MetricsRegistry();
        registry.Counter("x_total", "x", "a");
        Assert.Same(registry.Counter("x_total", "x", "a"), registry.Counter("x_total", "x", "a"));
        Assert.Throws<InvalidOperationException>(() => registry.Counter("x_total", "x", "b"));
    }
}
