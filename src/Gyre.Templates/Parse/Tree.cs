namespace Gyre.Templates.Parse;

/// <summary>A parsed named template: its name, the file it came from (ParseName), the text and the root list.</summary>
internal sealed class Tree(string name, string parseName, string text)
{
    public string Name { get; set; } = name;

    public string ParseName { get; } = parseName;

    public string Text { get; } = text;

    public ListNode? Root { get; set; }

    /// <summary>Go's Tree.ErrorContext: "file:line:byteColumn".</summary>
    public string Location(int pos)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < pos && i < Text.Length; i++)
        {
            if (Text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }
        var col = System.Text.Encoding.UTF8.GetByteCount(Text.AsSpan(lineStart, Math.Min(pos, Text.Length) - lineStart));
        return ParseName + ":" + line.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" +
            col.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public (int Line, int Column) LineColumn(int pos)
    {
        var parts = Location(pos).Split(':');
        return (int.Parse(parts[^2], System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(parts[^1], System.Globalization.CultureInfo.InvariantCulture));
    }
}
