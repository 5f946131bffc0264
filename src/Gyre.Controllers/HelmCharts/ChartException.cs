namespace Gyre.Controllers.HelmCharts;

/// <summary>A chart cannot be read or packaged; the message names the chart and the file.</summary>
internal sealed class ChartException(string message, Exception? inner = null) : Exception(message, inner);
