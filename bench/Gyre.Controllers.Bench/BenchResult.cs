using System.Globalization;
using System.Text;

namespace Gyre.Controllers.Bench;

/// <summary>What one run measured; CPU times are process totals (user + system), meaningful on a loaded machine.</summary>
internal sealed record BenchResult(
    string Mode, int N, int Concurrent, TimeSpan ToReady, TimeSpan ControllersCpuToReady, TimeSpan ClusterCpuToReady,
    long ControllersPeak, long ClusterPeak, TimeSpan NoopWall, TimeSpan ControllersCpuPerNoop, TimeSpan ClusterCpuPerNoop, long ControllersPeakAfterNoop)
{
    public long ControllersPrivate { get; init; }

    public long ClusterPrivate { get; init; }

    public string Format()
    {
        const double MiB = 1024 * 1024;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{Mode} N={N} (load average now {LoadAverage.Read()})");
        text.AppendLine(CultureInfo.InvariantCulture, $"  time to all Ready:              {ToReady.TotalSeconds:F1} s");
        text.AppendLine(CultureInfo.InvariantCulture, $"  CPU to all Ready:               controllers {ControllersCpuToReady.TotalSeconds:F1} s, local cluster + servers {ClusterCpuToReady.TotalSeconds:F1} s");
        text.AppendLine(CultureInfo.InvariantCulture, $"  peak working set:               controllers {ControllersPeak / MiB:F0} MiB ({ControllersPeakAfterNoop / MiB:F0} MiB after the no-op round), local cluster + servers {ClusterPeak / MiB:F0} MiB");
        text.AppendLine(CultureInfo.InvariantCulture, $"  peak private memory:            controllers {ControllersPrivate / MiB:F0} MiB, local cluster + servers {ClusterPrivate / MiB:F0} MiB (RssAnon + RssShmem, sampled every 100 ms)");
        text.AppendLine(CultureInfo.InvariantCulture, $"  no-op reconcile of all:         {NoopWall.TotalSeconds:F1} s wall");
        text.AppendLine(CultureInfo.InvariantCulture, $"  CPU per no-op reconcile:        controllers {ControllersCpuPerNoop.TotalMilliseconds:F1} ms, local cluster {ClusterCpuPerNoop.TotalMilliseconds:F1} ms (includes serving the bench's annotation patch)");
        return text.ToString();
    }
}
