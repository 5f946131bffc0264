using System.Text;

namespace Gyre.Templates.Parse;

internal sealed class ChainNode(int pos, Tree tree, Node node) : Node(pos, tree)
{
    public Node Node { get; } = node;

    public List<string> Field { get; } = [];

    public override void WriteTo(StringBuilder sb)
    {
        if (Node is PipeNode)
        {
            sb.Append('(');
            Node.WriteTo(sb);
            sb.Append(')');
        }
        else
        {
            Node.WriteTo(sb);
        }
        foreach (var f in Field)
        {
            sb.Append('.').Append(f);
        }
    }
}
