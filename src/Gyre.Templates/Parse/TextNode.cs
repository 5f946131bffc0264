using System.Text;

namespace Gyre.Templates.Parse;

internal sealed class TextNode(int pos, Tree tree, string text) : Node(pos, tree)
{
    public string Text { get; } = text;

    public override void WriteTo(StringBuilder sb)
    {
        sb.Append(Text);
    }
}
