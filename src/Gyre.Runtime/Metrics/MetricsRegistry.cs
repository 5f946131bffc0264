using System.Collections.Concurrent;
using System.Text;

namespace Gyre.Runtime.Metrics;

/// <summary>The set of metric families a process exposes on /metrics, in the Prometheus text format (0.0.4).</summary>
public sealed class MetricsRegistry
{
    /// <summary>Prometheus' default histogram buckets, in seconds.</summary>
    public static readonly double[] DefaultBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly ConcurrentDictionary<string, Metric> _metrics = new(StringComparer.Ordinal);

    public Metric Counter(string name, string help, params string[] labelNames) => Register(name, help, MetricKind.Counter, labelNames, []);

    public Metric Gauge(string name, string help, params string[] labelNames) => Register(name, help, MetricKind.Gauge, labelNames, []);

    public Metric Histogram(string name, string help, double[] buckets, params string[] labelNames) =>
        Register(name, help, MetricKind.Histogram, labelNames, buckets);

    /// <summary>Every family, sorted by name, in the text exposition format.</summary>
    public string Render()
    {
        var text = new StringBuilder();
        foreach (var metric in _metrics.Values.OrderBy(m => m.Name, StringComparer.Ordinal))
        {
            metric.WriteTo(text);
        }

        return text.ToString();
    }

    private Metric Register(string name, string help, MetricKind kind, string[] labelNames, double[] buckets)
    {
        var metric = _metrics.GetOrAdd(name, _ => new Metric(name, help, kind, labelNames, buckets));
        if (metric.Kind != kind || !metric.LabelNames.SequenceEqual(labelNames))
        {
            throw new InvalidOperationException($"metric {name} is already registered as a {metric.Kind} with labels [{string.Join(",", metric.LabelNames)}]");
        }

        return metric;
    }
}
