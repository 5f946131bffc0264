using System.Text;

namespace Gyre.Templates.Parse;

internal sealed class FieldNode(int pos, Tree tree, string[] ident) : Node(pos, tree)
{
    public string[] Ident { get; } = ident;

    public override void WriteTo(StringBuilder sb)
    {
        foreach (var id in Ident)
        {
            sb.Append('.').Append(id);
        }
    }
}
