using System.Text;

namespace Gyre.Templates.Parse;

internal sealed class VariableNode(int pos, Tree tree, string[] ident) : Node(pos, tree)
{
    public string[] Ident { get; } = ident;

    public override void WriteTo(StringBuilder sb)
    {
        sb.AppendJoin('.', Ident);
    }
}
