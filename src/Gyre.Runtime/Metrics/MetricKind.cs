namespace Gyre.Runtime.Metrics;

/// <summary>Prometheus metric types Gyre exposes.</summary>
public enum MetricKind
{
    Counter,
    Gauge,
    Histogram,
}
