using System.Text;

namespace Gyre.Cli.Output;

/// <summary>A plain table as flux prints them: upper-case headers, left-aligned columns padded to their widest cell.</summary>
internal sealed class Table(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public int Count => _rows.Count;

    public void Add(params string[] cells) => _rows.Add(cells);

    public string Render()
    {
        var widths = headers.Select((h, i) => Math.Max(h.Length, _rows.Count == 0 ? 0 : _rows.Max(r => r[i].Length))).ToArray();
        var text = new StringBuilder();
        Line(text, headers, widths);
        foreach (var row in _rows)
        {
            Line(text, row, widths);
        }

        return text.ToString();
    }

    /// <summary>One row, padded as if the table had these widths (for --watch, which prints rows as they change).</summary>
    public static string Row(string[] cells, int[] widths)
    {
        var text = new StringBuilder();
        Line(text, cells, widths);
        return text.ToString();
    }

    private static void Line(StringBuilder text, string[] cells, int[] widths)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            text.Append(i == cells.Length - 1 ? cells[i] : cells[i].PadRight(widths[i] + 3));
        }

        text.Append('\n');
    }
}
