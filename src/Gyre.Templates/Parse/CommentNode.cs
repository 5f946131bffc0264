using System.Text;

namespace Gyre.Templates.Parse;

internal sealed class CommentNode(int pos, Tree tree, string text) : Node(pos, tree)
{
    public string Text { get; } = text;

    public override void WriteTo(StringBuilder sb)
    {
        sb.Append("{{").Append(Text).Append("}}");
    }
}
