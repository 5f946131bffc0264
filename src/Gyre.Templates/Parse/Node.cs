using System.Text;

namespace Gyre.Templates.Parse;

/// <summary>A node of a parsed template, as in Go's text/template/parse.</summary>
internal abstract class Node(int pos, Tree tree)
{
    /// <summary>Offset of the node in its template text.</summary>
    public int Pos { get; } = pos;

    /// <summary>The tree (file) the node was parsed from, for error locations.</summary>
    public Tree Tree { get; } = tree;

    public abstract void WriteTo(StringBuilder sb);

    public override string ToString()
    {
        var sb = new StringBuilder();
        WriteTo(sb);
        return sb.ToString();
    }
}
