using System.Text;

namespace Gyre.Templates.Parse;

internal sealed class ListNode(int pos, Tree tree) : Node(pos, tree)
{
    public List<Node> Nodes { get; } = [];

    public override void WriteTo(StringBuilder sb)
    {
        foreach (var n in Nodes)
        {
            n.WriteTo(sb);
        }
    }
}
