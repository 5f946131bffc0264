using System.Text;

namespace Gyre.Templates.Parse;

internal sealed class StringNode(int pos, Tree tree, string quoted, string text) : Node(pos, tree)
{
    public string Quoted { get; } = quoted;

    public string Text { get; } = text;

    public override void WriteTo(StringBuilder sb)
    {
        sb.Append(Quoted);
    }
}
