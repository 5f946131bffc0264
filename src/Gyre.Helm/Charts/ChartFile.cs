namespace Gyre.Helm.Charts;

/// <summary>A file of a chart, named by its path relative to the chart root ("templates/service.yaml").</summary>
public sealed record ChartFile(string Name, ReadOnlyMemory<byte> Data)
{
    /// <summary>The content as UTF-8 text.</summary>
    public string Text => System.Text.Encoding.UTF8.GetString(Data.Span);
}
