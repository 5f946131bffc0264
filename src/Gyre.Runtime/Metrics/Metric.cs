using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Gyre.Runtime.Metrics;

/// <summary>
/// One metric family: a name, help text, label names and a value per label set. Counters and gauges keep one number;
/// histograms keep cumulative bucket counts, a sum and a count, as the Prometheus text format describes them.
/// </summary>
public sealed class Metric
{
    private readonly ConcurrentDictionary<string, Series> _series = new(StringComparer.Ordinal);

    internal Metric(string name, string help, MetricKind kind, string[] labelNames, double[] buckets)
    {
        Name = name;
        Help = help;
        Kind = kind;
        LabelNames = labelNames;
        Buckets = buckets;
    }

    public string Name { get; }

    public string Help { get; }

    public MetricKind Kind { get; }

    public IReadOnlyList<string> LabelNames { get; }

    public IReadOnlyList<double> Buckets { get; }

    /// <summary>Adds to a counter or gauge.</summary>
    public void Add(double value, params string[] labels) => SeriesFor(labels).Add(value);

    /// <summary>Sets a gauge.</summary>
    public void Set(double value, params string[] labels) => SeriesFor(labels).Set(value);

    /// <summary>Records an observation in a histogram.</summary>
    public void Observe(double value, params string[] labels) => SeriesFor(labels).Observe(value, Buckets);

    /// <summary>The current value of a counter or gauge (0 when never written).</summary>
    public double Value(params string[] labels) => _series.TryGetValue(Key(labels), out var s) ? s.Snapshot().Value : 0;

    /// <summary>How many observations a histogram has for the label set.</summary>
    public long Count(params string[] labels) => _series.TryGetValue(Key(labels), out var s) ? s.Snapshot().Count : 0;

    internal void WriteTo(StringBuilder text)
    {
        text.Append("# HELP ").Append(Name).Append(' ').Append(Help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)).Append('\n');
        text.Append("# TYPE ").Append(Name).Append(' ').Append(Kind.ToString().ToLowerInvariant()).Append('\n');
        foreach (var (key, series) in _series.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var labels = key.Split('\u0000');
            var snapshot = series.Snapshot();
            if (Kind != MetricKind.Histogram)
            {
                text.Append(Name).Append(LabelText(labels, null)).Append(' ').Append(Format(snapshot.Value)).Append('\n');
                continue;
            }

            for (var i = 0; i < Buckets.Count; i++)
            {
                text.Append(Name).Append("_bucket").Append(LabelText(labels, Format(Buckets[i]))).Append(' ')
                    .Append(snapshot.BucketCounts[i].ToString(CultureInfo.InvariantCulture)).Append('\n');
            }

            text.Append(Name).Append("_bucket").Append(LabelText(labels, "+Inf")).Append(' ').Append(snapshot.Count.ToString(CultureInfo.InvariantCulture)).Append('\n');
            text.Append(Name).Append("_sum").Append(LabelText(labels, null)).Append(' ').Append(Format(snapshot.Value)).Append('\n');
            text.Append(Name).Append("_count").Append(LabelText(labels, null)).Append(' ').Append(snapshot.Count.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
    }

    private Series SeriesFor(string[] labels)
    {
        if (labels.Length != LabelNames.Count)
        {
            throw new ArgumentException($"metric {Name} takes {LabelNames.Count} label values, got {labels.Length}", nameof(labels));
        }

        return _series.GetOrAdd(Key(labels), _ => new Series(Buckets.Count));
    }

    private static string Key(string[] labels) => string.Join('\u0000', labels);

    private string LabelText(string[] values, string? le)
    {
        var pairs = new List<string>();
        for (var i = 0; i < LabelNames.Count; i++)
        {
            pairs.Add(LabelNames[i] + "=\"" + Escape(values[i]) + "\"");
        }

        if (le is not null)
        {
            pairs.Add("le=\"" + le + "\"");
        }

        return pairs.Count == 0 ? string.Empty : "{" + string.Join(",", pairs) + "}";
    }

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string Format(double value) =>
        double.IsPositiveInfinity(value) ? "+Inf" : double.IsNegativeInfinity(value) ? "-Inf" : value.ToString("R", CultureInfo.InvariantCulture);

    private sealed class Series(int buckets)
    {
        private readonly object _gate = new();
        private readonly long[] _bucketCounts = new long[buckets];
        private double _value;
        private long _count;

        public void Add(double value)
        {
            lock (_gate)
            {
                _value += value;
            }
        }

        public void Set(double value)
        {
            lock (_gate)
            {
                _value = value;
            }
        }

        public void Observe(double value, IReadOnlyList<double> bounds)
        {
            lock (_gate)
            {
                _value += value;
                _count++;
                for (var i = 0; i < bounds.Count; i++)
                {
                    if (value <= bounds[i])
                    {
                        _bucketCounts[i]++;
                    }
                }
            }
        }

        public (double Value, long Count, long[] BucketCounts) Snapshot()
        {
            lock (_gate)
            {
                return (_value, _count, (long[])_bucketCounts.Clone());
            }
        }
    }
}
