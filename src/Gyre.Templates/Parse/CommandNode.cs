using System.Text;

namespace Gyre.Templates.Parse;

internal sealed class CommandNode(int pos, Tree tree) : Node(pos, tree)
{
    public List<Node> Args { get; } = [];

    public override void WriteTo(StringBuilder sb)
    {
        for (var i = 0; i < Args.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(' ');
            }
            if (Args[i] is PipeNode p)
            {
                sb.Append('(');
                p.WriteTo(sb);
                sb.Append(')');
                continue;
            }
            Args[i].WriteTo(sb);
        }
    }
}
